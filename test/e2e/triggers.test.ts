/**
 * Escalation rules drawn on the canvas, in the built designer in headless Chromium (designer server
 * on a temp copy of examples/, 127.0.0.1 port 0): a marketer drops "Asks for a person" from the
 * palette, finds its problem (not connected yet) in the Problems panel, connects it to the hand-off
 * with the mouse, changes a keyword in the inspector and deletes it, each step checked in the file on
 * disk the collaboration server writes. Then the escalation-policy example is shown with a rule
 * selected, for the picture in docs/. No step has a deadline of its own: each waits for a condition.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Flow } from '../../schemas/nodes/step.ts'
import { launchChromium, screenshotOnFailure, watchedPage, type WatchedPage } from './helpers/browser.ts'
import { eventually, startDesignerFixture, type DesignerFixture } from './helpers/designer.ts'

let fixture: DesignerFixture
let chromium: Awaited<ReturnType<typeof launchChromium>>
let watched: WatchedPage | undefined
let page: Page

beforeAll(async () => {
  fixture = await startDesignerFixture({ token: 'rules-token' })
  chromium = await launchChromium()
}, 120_000)

afterEach(async (test) => {
  await screenshotOnFailure(watched?.page, 'triggers', test)
  if (watched) {
    expect(watched.outside).toEqual([])
    expect(watched.errors).toEqual([])
  }
  await watched?.context.close()
  watched = undefined
})

afterAll(async () => {
  await chromium?.close()
  await fixture?.close()
})

const card = (id: string) => page.locator(`.canvas-pane .react-flow__node[data-id="${id}"]`)
const onDisk = (file: string) => JSON.parse(readFileSync(join(fixture.workspace, file), 'utf8')) as Flow
const ruleOnDisk = (file: string, id: string) => onDisk(file).triggers?.find((t) => t.id === id)

async function centre(selector: string) {
  const box = (await page.locator(selector).boundingBox())!
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

async function openFlow(file: string, visible: string, viewport = { width: 1500, height: 940 }) {
  watched = await watchedPage(chromium.browser, { viewport, storage: { 'switchboard.user': JSON.stringify({ name: 'Rules tester' }) } })
  page = watched.page
  await page.goto(fixture.designer.url)
  await page.getByRole('list', { name: 'Flow files' }).getByRole('button', { name: new RegExp(`^${file.replace(/\./g, '\\.')}`) }).click()
  await page.getByRole('tab', { name: new RegExp(file.replace(/\./g, '\\.')) }).waitFor()
  await page.waitForFunction((id) => document.querySelector(`.canvas-pane .react-flow__node[data-id="${id}"]`)?.getAttribute('style')?.includes('visibility: visible'), visible)
}

describe('escalation rules on the canvas, in Chromium', () => {
  it('adds "asks for a person" from the palette, connects it to the hand-off, edits a keyword in the inspector and deletes it', async () => {
    const FILE = 'order-bot.flow.json'
    const before = onDisk(FILE).triggers!.map((t) => t.id)
    await openFlow(FILE, 'trigger:agent')
    // The flow's own rules are cards already: an opt-out rule without a port, the others wired to their node.
    expect(await card('trigger:stop').textContent()).toContain('Opt out (STOP)')
    expect(await card('trigger:stop').locator('.react-flow__handle').count()).toBe(0)
    await page.locator('.canvas-pane .react-flow__edge[data-id="trigger:agent>goto"]').waitFor()

    // Centre the hand-off ("Customer care"), then drop the rule in the free space below it.
    await page.locator('.canvas-pane').getByRole('button', { name: 'Find', exact: true }).click()
    await page.getByRole('dialog', { name: 'Find a node' }).waitFor()
    await page.keyboard.type('Customer care')
    await page.keyboard.press('Enter')
    await page.locator('.canvas-pane .react-flow__node.selected[data-id="handoff"]').waitFor()
    const flowBox = (await page.locator('.canvas-pane .sb-flow').boundingBox())!
    const handoff = (await card('handoff').boundingBox())!
    await page.dragAndDrop('.canvas-pane .sb-palette-item[data-type="trigger:keyword"]', '.canvas-pane .sb-flow', { targetPosition: { x: handoff.x - flowBox.x - 60, y: handoff.y + handoff.height + 40 - flowBox.y } })
    await card('trigger:asks-for-person').waitFor()
    expect(await card('trigger:asks-for-person').textContent()).toContain('Connect to a node')
    const added = await eventually(() => ruleOnDisk(FILE, 'asks-for-person'), (rule) => !!rule, 'the new rule in the file')
    expect(added).toMatchObject({ when: 'keyword', keywords: { en: ['agent', 'human'] } })
    expect(added!.goto).toBeUndefined()
    expect(onDisk(FILE).triggers!.map((t) => t.id)).toEqual([...before, 'asks-for-person'])

    // Not connected yet: a problem on the card and in the Problems panel; the problem leads back to the card.
    await card('trigger:asks-for-person').locator('.sb-badge-warning').waitFor()
    await page.getByRole('tab', { name: /^PROBLEMS/ }).click()
    await card('trigger:asks-for-person').focus()
    await page.keyboard.press('Escape')
    await page.locator('.canvas-pane .react-flow__node.selected').first().waitFor({ state: 'detached' })
    await page.locator('.panel-host').getByRole('listbox', { name: 'Problems' }).getByRole('option', { name: /Rule 'asks-for-person'/ }).click()
    await page.locator('.canvas-pane .react-flow__node.selected[data-id="trigger:asks-for-person"]').waitFor()
    await page.locator('.inspector-pane').getByRole('heading', { name: 'Escalation rule' }).waitFor()

    // Its one port, dragged onto the hand-off: the rule jumps there.
    const from = await centre('.canvas-pane .react-flow__node[data-id="trigger:asks-for-person"] .react-flow__handle[data-handleid="goto"]')
    const to = await centre('.canvas-pane .react-flow__node[data-id="handoff"] .react-flow__handle.target')
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(to.x, to.y, { steps: 16 })
    await page.mouse.up()
    await page.locator('.canvas-pane .react-flow__edge[data-id="trigger:asks-for-person>goto"]').waitFor()
    await eventually(() => ruleOnDisk(FILE, 'asks-for-person')?.goto, (goto) => goto === 'handoff', 'goto in the file')
    await card('trigger:asks-for-person').locator('.sb-badge').waitFor({ state: 'detached' })
    await card('trigger:asks-for-person').getByText('When the customer asks for a person').waitFor()

    // The inspector edits the rule: one more keyword.
    await card('trigger:asks-for-person').click()
    const inspector = page.locator('.inspector-pane')
    await inspector.getByRole('heading', { name: 'Escalation rule' }).waitFor()
    const english = inspector.getByLabel('Keywords (en)')
    await english.fill('agent, human, real person')
    await english.press('Tab')
    await eventually(() => ruleOnDisk(FILE, 'asks-for-person')?.keywords?.en, (words) => JSON.stringify(words) === JSON.stringify(['agent', 'human', 'real person']), 'the keyword in the file')
    expect(ruleOnDisk(FILE, 'asks-for-person')!.goto).toBe('handoff')

    // Delete removes the rule (and only it).
    await card('trigger:asks-for-person').click()
    await card('trigger:asks-for-person').press('Delete')
    await card('trigger:asks-for-person').waitFor({ state: 'detached' })
    await eventually(() => onDisk(FILE).triggers!.map((t) => t.id), (ids) => JSON.stringify(ids) === JSON.stringify(before), 'the rule gone from the file')
  }, 300_000)

  it('shows the escalation policy: rules in a column, wired to their nodes, one open in the inspector', async () => {
    await openFlow('escalation-policy.flow.json', 'welcome', { width: 1920, height: 1080 })
    const rules = onDisk('escalation-policy.flow.json').triggers!
    for (const rule of rules) {
      await card(`trigger:${rule.id}`).waitFor()
      await page.locator(`.canvas-pane .react-flow__edge[data-id="trigger:${rule.id}>goto"]`).waitFor()
    }
    // Room for the canvas: no side bar, no bottom panel; a rule open in the inspector.
    await page.keyboard.press('Control+b')
    await page.keyboard.press('Control+j')
    await page.locator('.panel-host').waitFor({ state: 'detached' })
    await card(`trigger:${rules[1].id}`).click()
    await page.locator('.inspector-pane').getByRole('heading', { name: 'Escalation rule' }).waitFor()
    // Zoomed in on the rules' column until the cards read well, and the palette at its escalation rules.
    await page.getByRole('button', { name: 'Fit View' }).click()
    const column = (await card(`trigger:${rules[0].id}`).boundingBox())!
    await page.mouse.move(column.x - 20, column.y)
    await page.mouse.wheel(0, -150)
    await page.waitForFunction(() => !document.querySelector('.canvas-pane .sb-far'))
    await page.locator('.canvas-pane .sb-palette').evaluate((el) => { el.scrollTop = el.scrollHeight })
    await page.locator('.canvas-pane .sb-palette-heading').waitFor()
    // every rule card is in view, whole
    const pane = (await page.locator('.canvas-pane .react-flow').boundingBox())!
    for (const rule of rules) {
      const box = (await card(`trigger:${rule.id}`).boundingBox())!
      expect(box.x >= pane.x && box.y >= pane.y && box.x + box.width <= pane.x + pane.width && box.y + box.height <= pane.y + pane.height, rule.id).toBe(true)
    }
    mkdirSync('test-results', { recursive: true })
    await page.screenshot({ path: 'test-results/designer-triggers.png' })
  }, 300_000)
})
