/**
 * The canvas in real headless Chromium, on its development harness (designer/app/canvas/dev/)
 * served by a Vite dev server on 127.0.0.1: drag from the palette, connect ports with the mouse,
 * and build with the keyboard alone — no console errors, no request leaving 127.0.0.1.
 */
import { mkdirSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import react from '@vitejs/plugin-react'
import type { AddressInfo } from 'node:net'
import type { Flow } from '../../schemas/nodes/step.ts'
import { chromiumArgs } from './helpers/browser.ts'

const HARNESS = '/designer/app/canvas/dev/harness.html'

let server: ViteDevServer
let base: string
let browser: Browser
let context: BrowserContext
let page: Page
let problems: string[] = []
let outside: string[] = []

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true })
  server = await createServer({
    root: process.cwd(),
    configFile: false,
    // its own dependency cache: dev servers of test files running in parallel must not optimise into one folder
    cacheDir: 'node_modules/.vite-test-canvas',
    logLevel: 'error',
    plugins: [react()],
    resolve: { dedupe: ['yjs', 'react', 'react-dom'] },
    optimizeDeps: { entries: [HARNESS.slice(1)] },
    server: { host: '127.0.0.1', port: 0, hmr: false },
  })
  await server.listen()
  base = `http://127.0.0.1:${(server.httpServer!.address() as AddressInfo).port}`
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function openHarness(query = '') {
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  context.setDefaultTimeout(0)
  problems = []
  outside = []
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url())
    if (url.hostname === '127.0.0.1' || /^(data|blob):/.test(url.protocol)) return route.continue()
    outside.push(url.href)
    return route.abort()
  })
  page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error' && !/favicon/.test(message.location().url)) problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  await page.goto(`${base}${HARNESS}${query}`)
  await page.locator('.react-flow__node[data-id="welcome"]').waitFor()
  await page.waitForFunction(() => document.querySelector('.react-flow__node[data-id="welcome"]')?.getAttribute('style')?.includes('visibility: visible'))
}

const flow = () => page.evaluate(() => window.harness.flow()) as Promise<Flow>
const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`)
const centre = async (selector: string) => {
  const box = (await page.locator(selector).boundingBox())!
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

afterEach(async (test) => {
  if (test.task.result?.state === 'fail' && page) await page.screenshot({ path: `test-results/canvas-failure-${test.task.name.replace(/\W+/g, '-')}.png` })
  expect(problems, problems.join('\n')).toEqual([])
  expect(outside).toEqual([])
  await context?.close()
})

describe('canvas', () => {
  it('adds a node dragged from the palette, connects, reconnects and disconnects by dragging, moves a node on drop', async () => {
    await openHarness()
    const pane = (await page.locator('.sb-flow').boundingBox())!
    await page.dragAndDrop('.sb-palette-item[data-type="handoff"]', '.sb-flow', { targetPosition: { x: 120, y: 120 } })
    await node('handoff-1').waitFor()
    const added = (await flow()).nodes.find((n) => n.id === 'handoff-1')!
    expect(added).toMatchObject({ type: 'handoff', queue: 'support' })
    expect(Math.abs(added.position!.x % 16)).toBe(0) // on the grid (left of 0 too: the flow's rules stand there)

    const from = await centre('.react-flow__node[data-id="handoff-1"] .react-flow__handle[data-handleid="resolved"]')
    const to = await centre('.react-flow__node[data-id="goodbye"] .react-flow__handle.target')
    expect(from.x).toBeGreaterThan(pane.x)
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(to.x, to.y, { steps: 12 })
    await page.mouse.up()
    await page.waitForFunction(() => window.harness.flow().nodes.find((n) => n.id === 'handoff-1')?.exits?.resolved === 'goodbye')
    await page.locator('.react-flow__edge[data-id="handoff-1>resolved"]').waitFor()

    const drag = async (from: { x: number; y: number }, to: { x: number; y: number }) => {
      await page.mouse.move(from.x, from.y)
      await page.mouse.down()
      await page.mouse.move(to.x, to.y, { steps: 12 })
      await page.mouse.up()
    }
    const edgeEnd = '.react-flow__edge[data-id="handoff-1>resolved"] .react-flow__edgeupdater-target'
    await drag(await centre(edgeEnd), await centre('.react-flow__node[data-id="agents-busy"] .react-flow__handle.target'))
    await page.waitForFunction(() => window.harness.flow().nodes.find((n) => n.id === 'handoff-1')?.exits?.resolved === 'agents-busy')
    await drag(await centre(edgeEnd), { x: pane.x + pane.width - 300, y: pane.y + 40 })
    await page.waitForFunction(() => !window.harness.flow().nodes.find((n) => n.id === 'handoff-1')?.exits?.resolved)

    const before = (await flow()).nodes.find((n) => n.id === 'welcome')!.position!
    const at = await centre('.react-flow__node[data-id="welcome"] .sb-card-name')
    await page.mouse.move(at.x, at.y)
    await page.mouse.down()
    await page.mouse.move(at.x + 40, at.y + 90, { steps: 8 })
    expect((await flow()).nodes.find((n) => n.id === 'welcome')!.position).toEqual(before)
    await page.mouse.up()
    await page.waitForFunction((x) => window.harness.flow().nodes.find((n) => n.id === 'welcome')!.position!.x !== x, before.x)
    const after = (await flow()).nodes.find((n) => n.id === 'welcome')!.position!
    expect([Math.abs(after.x % 16), Math.abs(after.y % 16)]).toEqual([0, 0])
  })

  it('builds with the keyboard alone: add a node, move it, connect it, follow the edge', async () => {
    await openHarness()
    await page.locator('.sb-flow').focus()
    await page.keyboard.press('a')
    await page.getByRole('dialog', { name: 'Add a node' }).waitFor()
    await page.keyboard.type('Hand-off')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-id') === 'handoff-1')
    expect(await page.evaluate(() => window.harness.selection().nodes)).toEqual(['handoff-1'])
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)
    expect(outline).not.toBe('none')

    const start = (await flow()).nodes.find((n) => n.id === 'handoff-1')!.position!
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Shift+ArrowDown')
    expect((await flow()).nodes.find((n) => n.id === 'handoff-1')!.position).toEqual({ x: start.x + 32, y: start.y + 64 })

    await page.keyboard.press('c')
    await page.locator('.sb-linking', { hasText: "exit 'resolved'" }).waitFor()
    await page.keyboard.press('ArrowDown')
    await page.locator('.sb-linking', { hasText: "exit 'escalate'" }).waitFor()
    await page.keyboard.press('/')
    await page.getByRole('dialog', { name: 'Connect to' }).waitFor()
    await page.keyboard.type('Everyone is busy')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => window.harness.flow().nodes.find((n) => n.id === 'handoff-1')?.exits?.escalate === 'agents-busy')

    await page.keyboard.press('c')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => !!window.harness.flow().nodes.find((n) => n.id === 'handoff-1')?.exits?.resolved)

    await page.waitForFunction(() => document.activeElement?.getAttribute('data-id') === 'handoff-1')
    await page.keyboard.press(']')
    const next = (await flow()).nodes.find((n) => n.id === 'handoff-1')!.exits!.resolved
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-id') === id, next)
    expect(await page.evaluate(() => window.harness.selection().nodes)).toEqual([next])

    await page.keyboard.press('[')
    await page.keyboard.press('Control+f')
    await page.keyboard.type('Hand-off')
    await page.screenshot({ path: 'test-results/canvas-find.png' })
    await page.keyboard.press('Escape')
    await page.evaluate(() => window.harness.reveal('handoff-1'))
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-id') === 'handoff-1')
    await page.screenshot({ path: 'test-results/canvas.png' })
  })
})
