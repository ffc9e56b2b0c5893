/**
 * One real user journey through the built designer in headless Chromium (issue 4, Tests): the
 * designer server on a temp copy of examples/ and a runtime started here (memory store, same
 * token), both on 127.0.0.1 port 0. A marketer makes a flow from a template in the Explorer, adds a
 * node from the palette and wires it with the mouse, watches a problem appear (a disconnected exit:
 * in the Problems panel and as a badge on the node) and go away again, clicks a problem to find its
 * node, edits the JSON and sees the canvas follow, plays the flow in the simulator through the menu
 * to a hand-off, finds the change in the file on disk and deploys to the runtime. Throughout, the
 * page asks nothing of any host but 127.0.0.1 and logs no error. Screenshots on failure go to
 * test-results/. No step has a deadline of its own: each waits for a condition.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchChromium, watchedPage, type WatchedPage } from './helpers/browser.ts'
import { eventually, startDesignerFixture, type DesignerFixture } from './helpers/designer.ts'

let fixture: DesignerFixture
let chromium: Awaited<ReturnType<typeof launchChromium>>
let watched: WatchedPage
let page: Page

beforeAll(async () => {
  fixture = await startDesignerFixture({ runtime: true, token: 'journey-token' })
  chromium = await launchChromium()
  watched = await watchedPage(chromium.browser, { viewport: { width: 1500, height: 940 } })
  page = watched.page
}, 120_000)

afterAll(async () => {
  await chromium?.close()
  await fixture?.close()
})

const FILE = 'late-orders.flow.json'
const node = (id: string) => page.locator(`.canvas-pane .react-flow__node[data-id="${id}"]`)
const port = (id: string, exit: string) => `.canvas-pane .react-flow__node[data-id="${id}"] .react-flow__handle[data-handleid="${exit}"]`
const into = (id: string) => `.canvas-pane .react-flow__node[data-id="${id}"] .react-flow__handle.target`
const problemsList = () => page.locator('.panel-host').getByRole('listbox', { name: 'Problems' })
const onDisk = () => JSON.parse(readFileSync(join(fixture.workspace, FILE), 'utf8')) as { name: string; nodes: { id: string; name?: string; text?: unknown; exits?: Record<string, string> }[] }

async function centre(selector: string) {
  const box = (await page.locator(selector).boundingBox())!
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** Presses the mouse on `from`, moves in steps (so React Flow sees a drag) and lets go on `to`. */
async function drag(from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(to.x, to.y, { steps: 16 })
  await page.mouse.up()
}

async function exitTarget(source: string, exit: string) {
  return page.evaluate(({ source, exit }) => document.querySelector(`.canvas-pane .react-flow__edge[data-id="${source}>${exit}"]`) !== null, { source, exit })
}

/** One step of the journey; on failure a screenshot named after the step goes to test-results/. */
async function step(name: string, run: () => Promise<void>) {
  try {
    await run()
  } catch (error) {
    mkdirSync('test-results', { recursive: true })
    await page.screenshot({ path: `test-results/designer-journey-failure-${name.replace(/\W+/g, '-')}.png` }).catch(() => {})
    throw new Error(`step "${name}": ${(error as Error).message}`, { cause: error })
  }
}

describe('designer journey in Chromium', () => {
  it('from a template to a deployed flow, in the browser', async () => {
    await step('creates a flow from a template in the Explorer', async () => {
      await page.goto(fixture.designer.url)
      await page.getByRole('list', { name: 'Flow files' }).getByRole('button', { name: /^order-bot\.flow\.json/ }).waitFor()
      await page.getByRole('complementary', { name: 'Explorer' }).getByRole('button', { name: 'New flow…' }).click()
      const dialog = page.getByRole('dialog', { name: 'New flow' })
      await dialog.getByRole('textbox', { name: 'Name' }).fill('Late orders')
      await dialog.getByRole('radio', { name: 'WhatsApp menu' }).check()
      await dialog.getByRole('button', { name: 'Create' }).click()
      await page.getByRole('tab', { name: new RegExp(FILE.replace(/\./g, '\\.')) }).waitFor()
      await node('main-menu').waitFor()
      await page.waitForFunction(() => document.querySelector('.canvas-pane .react-flow__node[data-id="main-menu"]')?.getAttribute('style')?.includes('visibility: visible'))
      expect(onDisk()).toMatchObject({ id: 'late-orders', name: 'Late orders' })

      // A shared flow asks who we are once; answer as a person would.
      const who = page.getByRole('dialog', { name: 'What should collaborators call you?' })
      await who.waitFor()
      await who.getByRole('textbox', { name: 'Your name' }).fill('Journey tester')
      await who.getByRole('button', { name: 'Join' }).click()
      await who.waitFor({ state: 'detached' })
    })

    await step('adds a node from the palette and connects it with the mouse', async () => {
      const canvas = (await page.locator('.canvas-pane .sb-flow').boundingBox())!
      await page.dragAndDrop('.canvas-pane .sb-palette-item[data-type="message"]', '.canvas-pane .sb-flow', { targetPosition: { x: 140, y: canvas.height - 140 } })
      await node('message-1').waitFor()
      await page.waitForFunction(() => document.querySelector('.canvas-pane .react-flow__node[data-id="message-1"]')?.getAttribute('style')?.includes('visibility: visible'))
      // Nothing leads to it and it leads nowhere yet: the node carries a badge.
      await node('message-1').locator('.sb-badge').waitFor()

      // The menu's "not understood" exit → the new message → the hand-off.
      await drag(await centre(port('main-menu', 'invalid')), await centre(into('message-1')))
      await page.locator('.canvas-pane .react-flow__edge[data-id="main-menu>invalid"]').waitFor()
      await drag(await centre(port('message-1', 'next')), await centre(into('agent')))
      await page.locator('.canvas-pane .react-flow__edge[data-id="message-1>next"]').waitFor()
      await node('message-1').locator('.sb-badge').waitFor({ state: 'detached' })
      expect(await page.locator('.canvas-pane .sb-badge-error, .canvas-pane .sb-badge-warning').count()).toBe(0)
    })

    await step('shows a problem when an exit is disconnected, finds its node, and clears it on reconnecting', async () => {
      await page.getByRole('tab', { name: /^PROBLEMS/ }).click()
      // Drag the edge's end off into empty canvas: the exit is disconnected.
      const canvas = (await page.locator('.canvas-pane .sb-flow').boundingBox())!
      await drag(await centre('.canvas-pane .react-flow__edge[data-id="message-1>next"] .react-flow__edgeupdater-target'), { x: canvas.x + canvas.width - 260, y: canvas.y + canvas.height - 40 })
      await eventually(() => exitTarget('message-1', 'next'), (present) => !present)
      const deadEnd = problemsList().getByRole('option', { name: /Message 'message-1' leads nowhere/ })
      await deadEnd.waitFor()
      expect(await deadEnd.textContent()).toContain('dead-end')
      await node('message-1').locator('.sb-badge-error').waitFor()
      await page.getByRole('button', { name: /^1 errors?, / }).waitFor()

      // Move the view away, then click the problem: the node is selected and centred.
      await page.keyboard.press('Escape')
      const before = await page.locator('.canvas-pane .react-flow__viewport').getAttribute('style')
      await page.mouse.move(canvas.x + canvas.width - 60, canvas.y + canvas.height - 60)
      await page.mouse.wheel(0, 400)
      await page.waitForFunction((before) => document.querySelector('.canvas-pane .react-flow__viewport')?.getAttribute('style') !== before, before)
      await deadEnd.click()
      await page.waitForFunction(() => document.querySelector('.canvas-pane .react-flow__node[data-id="message-1"]')?.classList.contains('selected'))
      const flowBox = (await page.locator('.canvas-pane .react-flow').boundingBox())!
      const nodeBox = (await node('message-1').boundingBox())!
      expect(Math.abs(nodeBox.x + nodeBox.width / 2 - (flowBox.x + flowBox.width / 2))).toBeLessThan(24)
      expect(Math.abs(nodeBox.y + nodeBox.height / 2 - (flowBox.y + flowBox.height / 2))).toBeLessThan(24)
      await page.locator('.inspector-pane').getByText('Message', { exact: false }).first().waitFor()

      // Fit the flow in view again, and reconnect: the problem and the badge go away.
      await page.getByRole('button', { name: 'Fit View' }).click()
      await page.waitForFunction(() => document.querySelector('.canvas-pane .react-flow__node[data-id="agent"] .react-flow__handle.target')!.getBoundingClientRect().top > document.querySelector('.canvas-pane .sb-toolbar')!.getBoundingClientRect().bottom)
      await drag(await centre(port('message-1', 'next')), await centre(into('agent')))
      await page.locator('.canvas-pane .react-flow__edge[data-id="message-1>next"]').waitFor()
      await deadEnd.waitFor({ state: 'detached' })
      await node('message-1').locator('.sb-badge').waitFor({ state: 'detached' })
      await page.getByRole('button', { name: /^0 errors, 0 warnings/ }).waitFor()
    })

    await step('follows a JSON edit in the code view on the canvas', async () => {
      await page.getByRole('button', { name: 'Toggle JSON code view' }).click()
      const editor = page.locator('.code-pane .monaco-editor')
      await editor.locator('.view-lines').waitFor()
      // The first node is "Welcome": double-click the word in the editor and type over it.
      const word = editor.locator('.view-lines .view-line span span', { hasText: /^"?Welcome"?$/ }).first()
      await word.waitFor()
      const box = (await word.boundingBox())!
      await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2)
      await page.keyboard.type('Greeting')
      await node('welcome').locator('.sb-card-name', { hasText: 'Greeting' }).waitFor()
      await page.getByRole('button', { name: 'Toggle JSON code view' }).click()
      await page.locator('.code-pane').waitFor({ state: 'detached' })
    })

    await step('runs the simulator through the menu to a hand-off', async () => {
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Simulator' }).click()
      const simulator = page.getByLabel('Simulator', { exact: true })
      await simulator.getByRole('radiogroup', { name: 'Channel' }).waitFor()
      const box = simulator.getByLabel('Message as the customer')
      await box.fill('hi')
      await box.press('Enter')
      const phone = simulator.getByLabel('WhatsApp preview')
      await phone.getByText('How can we help?').waitFor()
      await page.waitForFunction(() => document.querySelector('.canvas-pane .react-flow__node[data-id="main-menu"] .sb-active'))
      await phone.getByRole('group', { name: 'Reply buttons' }).getByRole('button', { name: 'Talk to us' }).click()
      await phone.getByText('transfers to a human (queue support)').waitFor()
      await page.waitForFunction(() => document.querySelector('.canvas-pane .react-flow__node[data-id="agent"] .sb-active'))
      await simulator.getByRole('button', { name: 'Agent hands back' }).waitFor()
      await page.screenshot({ path: 'test-results/designer-journey-simulator.png' })
    })

    await step('wrote the changes to the file on disk', async () => {
      await page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor()
      const flow = await eventually(onDisk, (f) => f.nodes.some((n) => n.id === 'message-1' && n.exits?.next === 'agent') && f.nodes.some((n) => n.id === 'welcome' && n.name === 'Greeting'))
      expect(flow.nodes.find((n) => n.id === 'main-menu')?.exits?.invalid).toBe('message-1')
      expect(readFileSync(join(fixture.workspace, FILE), 'utf8')).toMatch(/^\{\n {2}"\$schema"/)
    })

    await step('deploys to the runtime from the Deploy view and shows the version', async () => {
      const runtime = fixture.runtime!
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Deploy' }).click()
      // The designer suggests the runtime it was started with; set URL and token once anyway, as a user would.
      await page.getByText('Not deployed to this runtime yet.').waitFor()
      await page.getByRole('button', { name: 'Change' }).click()
      await page.getByLabel('Runtime URL').fill(runtime.url)
      await page.getByLabel('API token').fill(fixture.token)
      await page.getByRole('button', { name: 'Save', exact: true }).click()
      await page.getByRole('button', { name: 'Deploy late-orders' }).click()
      await page.getByText('Deployed late-orders v1.').waitFor()
      await page.getByRole('row', { name: /v1 active/ }).waitFor()
      const active = runtime.catalog.active('late-orders')
      expect(active?.version).toBe(1)
      expect(active?.nodes.find((n) => n.id === 'welcome')?.name).toBe('Greeting')
      expect(active?.nodes.some((n) => n.id === 'message-1')).toBe(true)
      await page.screenshot({ path: 'test-results/designer-journey.png' })
    })

    expect(watched.outside).toEqual([])
    expect(watched.requests.length).toBeGreaterThan(0)
    expect(watched.errors).toEqual([])
  }, 600_000)
})
