/**
 * Accessibility of the built designer in headless Chromium (issue 4, item 8 and Tests), on a temp
 * copy of examples/ served by designer/server/server.ts on 127.0.0.1:
 *
 * - axe-core (injected from node_modules) on the workbench with a flow open — canvas, inspector
 *   with a node's form, Problems panel — in the light and the dark color scheme: no serious or
 *   critical violation;
 * - a flow made and built from the keyboard alone, per designer/app/canvas/KEYBOARD.md: a new flow
 *   from a template, Tab to the canvas, add a node, move it, connect an exit, follow the edge and
 *   back, open the inspector — and at every step the focused element draws a visible focus
 *   indicator (an outline or a box-shadow).
 *
 * No console error, nothing outside 127.0.0.1. Screenshots on failure go to test-results/.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { focusIndicator, launchChromium, screenshotOnFailure, seriousAxeViolations, watchedPage, type WatchedPage } from './helpers/browser.ts'
import { eventually, startDesignerFixture, type DesignerFixture } from './helpers/designer.ts'

let fixture: DesignerFixture
let chromium: Awaited<ReturnType<typeof launchChromium>>
let watched: WatchedPage | undefined
let page: Page
/** The step the keyboard test is at, reported when it fails or hangs. */
let stage = ''

beforeAll(async () => {
  fixture = await startDesignerFixture({ token: 'a11y-token' })
  chromium = await launchChromium()
}, 120_000)

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') console.error(`designer-a11y: failed at step "${stage}"`)
  await screenshotOnFailure(watched?.page, 'designer-a11y', test)
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

const describeFindings = (findings: Awaited<ReturnType<typeof seriousAxeViolations>>) => findings.map((f) => `${f.impact} ${f.id} (${f.help}):\n  ${f.nodes.join('\n  ')}`).join('\n')

async function openOrderBot(colorScheme: 'light' | 'dark') {
  watched = await watchedPage(chromium.browser, { colorScheme, viewport: { width: 1440, height: 900 } })
  page = watched.page
  await page.goto(fixture.designer.url)
  await page.getByRole('list', { name: 'Flow files' }).getByRole('button', { name: /^order-bot\.flow\.json/ }).click()
  await page.getByRole('tab', { name: /order-bot\.flow\.json/ }).waitFor()
  await page.waitForFunction(() => document.querySelector('.canvas-pane .react-flow__node[data-id="main-menu"]')?.getAttribute('style')?.includes('visibility: visible'))
  // A node selected: the inspector shows its form; the Problems panel is open at the bottom.
  await page.locator('.canvas-pane .react-flow__node[data-id="main-menu"] .sb-card-name').click()
  await page.locator('.inspector-pane').getByLabel('Node id').waitFor()
  await page.locator('.panel-host').getByRole('listbox', { name: 'Problems' }).waitFor()
}

describe('designer accessibility in Chromium', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`axe finds no serious or critical violation on the workbench with a flow open (${scheme})`, async () => {
      await openOrderBot(scheme)
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark')
      await page.screenshot({ path: `test-results/designer-a11y-${scheme}.png` })
      const findings = await seriousAxeViolations(page)
      expect(findings, describeFindings(findings)).toEqual([])
    }, 180_000)
  }

  it('builds a flow from the keyboard alone, with focus always visible', async () => {
    watched = await watchedPage(chromium.browser, { viewport: { width: 1440, height: 900 }, storage: { 'switchboard.user': JSON.stringify({ name: 'Keyboard tester' }) } })
    page = watched.page
    const invisible: string[] = []
    /** Records the focused element when it shows no focus indicator. */
    const checkFocus = async (where: string) => {
      const focus = await focusIndicator(page)
      if (!focus.indicator) invisible.push(`${where}: ${focus.element}`)
      return focus
    }
    const focusedNode = () => page.evaluate(() => document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id'))
    const file = join(fixture.workspace, 'keyboard-flow.flow.json')
    const onDisk = () => JSON.parse(readFileSync(file, 'utf8')) as { nodes: { id: string; position?: { x: number; y: number }; exits?: Record<string, string> }[] }
    const nodeOnDisk = async (id: string, holds: (n: { position?: { x: number; y: number }; exits?: Record<string, string> }) => boolean) =>
      (await eventually(onDisk, (f) => f.nodes.some((n) => n.id === id && holds(n)))).nodes.find((n) => n.id === id)!

    await page.goto(fixture.designer.url)
    await page.getByRole('list', { name: 'Flow files' }).getByRole('button', { name: /^order-bot\.flow\.json/ }).waitFor()

    stage = 'new flow'
    // A new flow from a template: Alt+N, a name, the template chosen with the arrows, Enter.
    await page.keyboard.press('Alt+N')
    const dialog = page.getByRole('dialog', { name: 'New flow' })
    await dialog.waitFor()
    await checkFocus('new flow name')
    await page.keyboard.type('Keyboard flow')
    await page.keyboard.press('Tab')
    await checkFocus('template radio')
    await page.keyboard.press('ArrowDown')
    expect(await dialog.getByRole('radio', { name: 'WhatsApp menu' }).isChecked()).toBe(true)
    await page.keyboard.press('Enter')
    await page.getByRole('tab', { name: /keyboard-flow\.flow\.json/ }).waitFor()
    await page.waitForFunction(() => document.querySelector('.canvas-pane .react-flow__node[data-id="main-menu"]')?.getAttribute('style')?.includes('visibility: visible'))

    stage = 'tab to the canvas'
    // Tab to the canvas, checking every stop on the way.
    for (let stops = 0; stops < 80; stops++) {
      await page.keyboard.press('Tab')
      const focus = await checkFocus(`Tab stop ${stops + 1}`)
      if (focus.element.includes('sb-flow')) break
    }
    expect(await page.evaluate(() => document.activeElement?.classList.contains('sb-flow'))).toBe(true)

    stage = 'add a node'
    // A: add a node, typed by its type's name.
    await page.keyboard.press('a')
    await page.getByRole('dialog', { name: 'Add a node' }).waitFor()
    await checkFocus('add-a-node filter')
    await page.keyboard.type('Hand-off')
    await page.keyboard.press('Enter')
    await eventually(focusedNode, (id) => id === 'handoff-1')
    // Arrows move the selected nodes: the new node is selected as it is added (once the workbench has re-rendered).
    await page.locator('.canvas-pane .react-flow__node.selected[data-id="handoff-1"]').waitFor()
    await checkFocus('new node')
    /** The node's position in flow coordinates, as React Flow draws it (translate(x, y) on the node). */
    const drawnAt = () => page.evaluate(() => {
      const match = /translate\((-?[\d.]+)px, ?(-?[\d.]+)px\)/.exec((document.querySelector('.canvas-pane .react-flow__node[data-id="handoff-1"]') as HTMLElement).style.transform)!
      return { x: Number(match[1]), y: Number(match[2]) }
    })
    const start = await drawnAt()

    stage = 'move it'
    // Arrows move it one grid step, Shift+arrows four.
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Shift+ArrowDown')
    await eventually(drawnAt, (at) => at.x === start.x + 32 && at.y === start.y + 64, `handoff-1 moved from ${JSON.stringify(start)} by (32, 64)`, 200)
    await checkFocus('moved node')

    stage = 'connect'
    // C: connect mode on the first exit ('resolved'); / finds the target by name; Enter connects.
    await page.keyboard.press('c')
    await page.locator('.canvas-pane .sb-linking', { hasText: "exit 'resolved'" }).waitFor()
    await page.keyboard.press('/')
    await page.getByRole('dialog', { name: 'Connect to' }).waitFor()
    await checkFocus('connect-to filter')
    await page.keyboard.type('Goodbye')
    await page.keyboard.press('Enter')
    await page.locator('.canvas-pane .react-flow__edge[data-id="handoff-1>resolved"]').waitFor()
    await eventually(focusedNode, (id) => id === 'handoff-1')
    await checkFocus('node after connecting')

    stage = 'follow the edge'
    // ] follows the edge to Goodbye; [ comes back.
    await page.keyboard.press(']')
    await eventually(focusedNode, (id) => id === 'goodbye')
    await checkFocus('followed edge')
    await page.keyboard.press('[')
    await eventually(focusedNode, (id) => id !== 'goodbye')
    await checkFocus('followed edge back')
    await page.keyboard.press('Escape')

    stage = 'port'
    // Tab onto the Hand-off's exit port: Enter there starts connect mode from that exit; Escape cancels.
    await page.locator('.canvas-pane .react-flow__node[data-id="handoff-1"]').focus()
    await page.keyboard.press('Tab')
    const port = await checkFocus('exit port')
    expect(port.element).toContain('sb-port')
    await page.keyboard.press('Enter')
    await page.locator('.canvas-pane .sb-linking').waitFor()
    await page.keyboard.press('Escape')
    await page.locator('.canvas-pane .sb-linking').waitFor({ state: 'detached' })

    stage = 'open the inspector'
    // Enter on a node opens it in the inspector.
    await page.keyboard.press('Shift+Tab')
    await eventually(focusedNode, (id) => id === 'handoff-1')
    await page.keyboard.press('Enter')
    await eventually(() => page.locator('.inspector-pane').getByLabel('Node id').inputValue().catch(() => ''), (value) => value === 'handoff-1')
    await checkFocus('node opened in the inspector')
    await page.screenshot({ path: 'test-results/designer-a11y-keyboard.png' })

    stage = 'file on disk'
    // The keyboard's work reached the file: the node where the arrows left it, its exit connected.
    const end = await drawnAt()
    await nodeOnDisk('handoff-1', (n) => n.exits?.resolved === 'goodbye' && n.position?.x === end.x && n.position?.y === end.y)

    expect(invisible, `focus not visible at:\n${invisible.join('\n')}`).toEqual([])
  }, 180_000)
})
