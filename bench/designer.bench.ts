/**
 * The designer's canvas under load (issue 4, Benchmark), in headless Chromium (Debian's chromium via
 * playwright-core): a generated 500-node flow (designer/app/canvas/dev/generate.ts) opened in the
 * built designer (designer/dist served by designer/server/server.ts), beside the same graph in bare
 * React Flow with its default nodes (designer/app/canvas/dev/bare.html, built here by Vite in
 * production mode), both on 127.0.0.1 and with the same canvas size. Rounds alternate between the two
 * pages; each value is the median over the rounds.
 *
 * - first render: designer, from the click on the file in the Explorer until all 500 nodes are
 *   drawn and measured (visibility: visible); bare, from navigation start until the same;
 * - pan and zoom for 180 animation frames (120 frames dragging the pane round a circle, then 30
 *   wheel steps in and 30 out; rows for both together and for each), then one node dragged across the graph for 120 frames. Input is
 *   dispatched in the page, one step per requestAnimationFrame, as DOM mouse and wheel events (what
 *   d3-zoom and d3-drag listen to);
 * - main-thread busy time per frame: CDP Performance.getMetrics TaskDuration after minus before,
 *   divided by the frames; the p95 interval between animation frames from rAF timestamps collected
 *   in the page. Headless Chromium paces frames at 16.7 ms, so intervals only show long frames.
 *
 * Aims (issue 4): busy time ≤ 1.5× bare while panning, ≤ 2× while dragging, p95 interval < 20 ms,
 * first render of 500 nodes < 1.5 s.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import express from 'express'
import react from '@vitejs/plugin-react'
import { build } from 'vite'
import { chromium, type Browser, type Page } from 'playwright-core'
import { buildDesigner, designerDist, ensureDesignerBuilt } from '../designer/build.ts'
import { startDesigner } from '../designer/server/server.ts'
import { generated } from '../designer/app/canvas/dev/generate.ts'
import { row, stats, type Benchmark, type BenchRow } from './measure.ts'
import { chromiumArgs } from '../test/e2e/helpers/browser.ts'

const NODES = 500
const ROUNDS = Number(process.env.SWITCHBOARD_BENCH_DESIGNER_ROUNDS ?? 3)
const PAN_FRAMES = 120
const ZOOM_FRAMES = 60
const DRAG_FRAMES = 120
/** Large enough that the workbench's canvas fits all 500 nodes above React Flow's minimum zoom (0.1): the designer draws only the nodes in view. */
const VIEWPORT = { width: 2200, height: 1300 }
const TOKEN = 'bench-designer-token'
const devDir = fileURLToPath(new URL('../designer/app/canvas/dev/', import.meta.url))

interface PageResult {
  firstRenderMs: number
  panZoomBusyMs: number
  panZoomP95Ms: number
  panBusyMs: number
  zoomBusyMs: number
  dragBusyMs: number
  dragP95Ms: number
}

/** Records, from the document's start, when NODES nodes are first all drawn and measured. */
function watchFirstRender(count: number) {
  const w = window as unknown as { __allDrawnAt?: number }
  const check = () => {
    const nodes = document.querySelectorAll<HTMLElement>('.react-flow__node')
    let visible = 0
    for (const node of nodes) if (node.style.visibility !== 'hidden') visible++
    if (nodes.length >= count && visible >= count) w.__allDrawnAt = performance.now()
    else requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
}

/**
 * A designer/dist built under vitest (NODE_ENV=test, as test/e2e/global-setup.ts does) bundles
 * React's development build, several times slower; measure a production build.
 */
async function ensureProductionDesigner() {
  await ensureDesignerBuilt((line) => console.log(line))
  const assets = join(designerDist, 'assets')
  const development = readdirSync(assets).some((name) => name.endsWith('.js') && readFileSync(join(assets, name), 'utf8').includes('react-dom.development') || (name.startsWith('react-') && readFileSync(join(assets, name), 'utf8').includes('jsxDEV')))
  if (!development) return
  console.log('designer/dist holds React\'s development build (built under NODE_ENV=test): rebuilding for production…')
  const previous = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await buildDesigner({ quiet: true })
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = previous
  }
}

/** Builds bare.html in production mode into a temp folder and serves it on 127.0.0.1. */
async function serveBare(): Promise<{ url: string; close(): Promise<void> }> {
  const outDir = mkdtempSync(join(tmpdir(), 'switchboard-bare-'))
  const previous = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  await build({
    configFile: false,
    mode: 'production',
    root: devDir,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    resolve: { dedupe: ['react', 'react-dom'] },
    build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false, rolldownOptions: { input: join(devDir, 'bare.html') } },
  }).finally(() => (previous === undefined ? delete process.env.NODE_ENV : (process.env.NODE_ENV = previous)))
  const app = express()
  app.use(express.static(outDir))
  const server: Server = createServer(app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bare.html?generate=${NODES}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      rmSync(outDir, { recursive: true, force: true })
    },
  }
}

interface Phase {
  /** Main-thread task time over the phase, ms. */
  busy: number
  /** Intervals between consecutive animation frames, ms. */
  intervals: number[]
}

/** Runs `work` (which returns its rAF timestamps) between two CDP Performance.getMetrics readings. */
async function phase(page: Page, work: () => Promise<number[]>): Promise<Phase> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const task = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value
  const before = await task()
  const stamps = await work()
  const after = await task()
  await cdp.detach()
  return { busy: (after - before) * 1000, intervals: stamps.slice(1).map((t, i) => t - stamps[i]) }
}

const perFrame = (...phases: Phase[]) => phases.reduce((sum, p) => sum + p.busy, 0) / phases.reduce((sum, p) => sum + p.intervals.length, 0)
const p95 = (...phases: Phase[]) => {
  const sorted = phases.flatMap((p) => p.intervals).sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]
}

/** Dragging the pane round a circle (it ends where it began), one step per frame; returns the rAF timestamps. */
const pan = (page: Page) =>
  page.evaluate(async (frames) => {
    const pane = document.querySelector<HTMLElement>('.react-flow__pane')!
    const box = pane.getBoundingClientRect()
    const cx = box.x + box.width / 2
    const cy = box.y + box.height / 2
    const stamps: number[] = []
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame((t) => (stamps.push(t), resolve())))
    const mouse = (type: string, x: number, y: number, target: EventTarget) => target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, button: 0, buttons: type === 'mouseup' ? 0 : 1 }))
    const transform = () => document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform
    const start = transform()
    let halfway = start
    await frame()
    mouse('mousedown', cx, cy, pane)
    const radius = Math.min(box.width, box.height) / 4
    for (let i = 1; i <= frames; i++) {
      await frame()
      const angle = (i / frames) * 2 * Math.PI
      mouse('mousemove', cx + radius * Math.sin(angle), cy + radius * (1 - Math.cos(angle)), window)
      if (i === frames / 2) halfway = transform()
    }
    mouse('mouseup', cx, cy, window)
    await frame()
    if (halfway === start) throw new Error(`the view did not pan: ${start}`)
    return stamps
  }, PAN_FRAMES)

/** Wheel steps in, then as many out around the same point (the view ends where it began); returns the rAF timestamps. */
const zoom = (page: Page) =>
  page.evaluate(async (frames) => {
    const pane = document.querySelector<HTMLElement>('.react-flow__pane')!
    const box = pane.getBoundingClientRect()
    const cx = box.x + box.width / 2
    const cy = box.y + box.height / 2
    const stamps: number[] = []
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame((t) => (stamps.push(t), resolve())))
    const transform = () => document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform
    const start = transform()
    let deepest = start
    await frame()
    for (let i = 0; i < frames; i++) {
      if (i === frames / 2) deepest = transform()
      pane.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, view: window, clientX: cx, clientY: cy, deltaMode: 0, deltaY: i < frames / 2 ? -40 : 40 }))
      await frame()
    }
    if (deepest === start) throw new Error(`the view did not zoom: ${start}`)
    return stamps
  }, ZOOM_FRAMES)

/** Drags node n12 (a message node) left to right across the graph, one step per frame; returns the rAF timestamps. */
const dragNode = (page: Page) =>
  page.evaluate(async (frames) => {
    const node = document.querySelector<HTMLElement>('.react-flow__node[data-id="n12"]')!
    const pane = document.querySelector<HTMLElement>('.react-flow__pane')!.getBoundingClientRect()
    const box = node.getBoundingClientRect()
    const x0 = box.x + box.width / 2
    const y0 = box.y + Math.min(box.height / 2, 8)
    const distance = pane.x + pane.width * 0.9 - x0
    const stamps: number[] = []
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame((t) => (stamps.push(t), resolve())))
    const mouse = (type: string, x: number, y: number, target: EventTarget) => target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, button: 0, buttons: type === 'mouseup' ? 0 : 1 }))
    const grip = document.elementFromPoint(x0, y0) ?? node
    await frame()
    mouse('mousedown', x0, y0, grip)
    for (let i = 1; i <= frames; i++) {
      await frame()
      mouse('mousemove', x0 + (distance * i) / frames, y0 + 40 * Math.sin((i / frames) * Math.PI), window)
    }
    const moved = node.getBoundingClientRect().x - box.x
    mouse('mouseup', x0 + distance, y0, window)
    await frame()
    if (moved < distance / 2) throw new Error(`the node did not follow the drag (${moved} of ${distance} px)`)
    return stamps
  }, DRAG_FRAMES)

async function exercise(page: Page): Promise<Omit<PageResult, 'firstRenderMs'>> {
  // Let the first render's after-work (lazy chunks, validation, collaboration sync) settle.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)))
  const panned = await phase(page, () => pan(page))
  const zoomed = await phase(page, () => zoom(page))
  const dragged = await phase(page, () => dragNode(page))
  return {
    panZoomBusyMs: perFrame(panned, zoomed),
    panZoomP95Ms: p95(panned, zoomed),
    panBusyMs: perFrame(panned),
    zoomBusyMs: perFrame(zoomed),
    dragBusyMs: perFrame(dragged),
    dragP95Ms: p95(dragged),
  }
}

/**
 * tsx compiles this file with esbuild's keepNames, which wraps named functions in `__name(fn, "name")`;
 * functions sent to the page keep those calls, so the page gets a `__name` that does nothing.
 */
const KEEP_NAMES_SHIM = 'globalThis.__name = globalThis.__name || ((target) => target)'

async function measureDesigner(browser: Browser, url: string): Promise<PageResult & { canvas: { width: number; height: number } }> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  try {
    await context.addInitScript({ content: KEEP_NAMES_SHIM })
    await context.addInitScript(() => localStorage.setItem('switchboard.user', JSON.stringify({ name: 'Bench' })))
    await context.addInitScript(watchFirstRender, NODES)
    const page = await context.newPage()
    await page.goto(url)
    const file = page.getByRole('list', { name: 'Flow files' }).getByRole('button', { name: /^generated\.flow\.json/ })
    await file.waitFor()
    // Load the canvas's lazy chunk first (by opening another flow), so the timing is of drawing the 500 nodes.
    await page.getByRole('list', { name: 'Flow files' }).getByRole('button', { name: /^warm-up\.flow\.json/ }).click()
    await page.locator('.react-flow__node').first().waitFor()
    const clickedAt = await page.evaluate(() => performance.now())
    await file.click()
    await page.waitForFunction(() => (window as unknown as { __allDrawnAt?: number }).__allDrawnAt !== undefined, undefined, { polling: 50 })
    const firstRenderMs = (await page.evaluate(() => (window as unknown as { __allDrawnAt: number }).__allDrawnAt)) - clickedAt
    const box = (await page.locator('.canvas-pane .react-flow').boundingBox())!
    return { firstRenderMs, ...(await exercise(page)), canvas: { width: Math.round(box.width), height: Math.round(box.height) } }
  } finally {
    await context.close()
  }
}

async function measureBare(browser: Browser, url: string, canvas: { width: number; height: number }): Promise<PageResult> {
  const context = await browser.newContext({ viewport: canvas })
  try {
    await context.addInitScript({ content: KEEP_NAMES_SHIM })
    await context.addInitScript(watchFirstRender, NODES)
    const page = await context.newPage()
    await page.goto(url)
    await page.waitForFunction(() => (window as unknown as { __allDrawnAt?: number }).__allDrawnAt !== undefined, undefined, { polling: 50 })
    const firstRenderMs = await page.evaluate(() => (window as unknown as { __allDrawnAt: number }).__allDrawnAt)
    return { firstRenderMs, ...(await exercise(page)) }
  } finally {
    await context.close()
  }
}

export const designerBench: Benchmark = {
  name: 'designer',
  async run(): Promise<BenchRow[]> {
    await ensureProductionDesigner()
    const workspace = mkdtempSync(join(tmpdir(), 'switchboard-bench-designer-'))
    writeFileSync(join(workspace, 'generated.flow.json'), JSON.stringify(generated(NODES), null, 2))
    writeFileSync(join(workspace, 'warm-up.flow.json'), JSON.stringify({ ...generated(2), id: 'warm-up', name: 'Warm-up' }, null, 2))
    const designer = await startDesigner({ workspace, port: 0, host: '127.0.0.1', token: TOKEN })
    const bare = await serveBare()
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs })
    const ours: PageResult[] = []
    const theirs: PageResult[] = []
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const mine = await measureDesigner(browser, designer.url)
        ours.push(mine)
        theirs.push(await measureBare(browser, bare.url, mine.canvas))
        // The designer writes the dragged node's position: put the file back for the next round.
        writeFileSync(join(workspace, 'generated.flow.json'), JSON.stringify(generated(NODES), null, 2))
      }
    } finally {
      await browser.close()
      await bare.close()
      await designer.close()
      rmSync(workspace, { recursive: true, force: true })
    }
    const median = (results: PageResult[], key: keyof PageResult) => stats(results.map((r) => r[key])).median
    const base = `bare React Flow, ${NODES} default nodes`
    return [
      row(`designer/${NODES} nodes busy per frame, pan+zoom ${PAN_FRAMES + ZOOM_FRAMES} frames`, median(ours, 'panZoomBusyMs'), 'ms', base, median(theirs, 'panZoomBusyMs')),
      row(`designer/${NODES} nodes busy per frame, of which panning ${PAN_FRAMES}`, median(ours, 'panBusyMs'), 'ms', base, median(theirs, 'panBusyMs')),
      row(`designer/${NODES} nodes busy per frame, of which zooming ${ZOOM_FRAMES}`, median(ours, 'zoomBusyMs'), 'ms', base, median(theirs, 'zoomBusyMs')),
      row(`designer/${NODES} nodes busy per frame, dragging a node ${DRAG_FRAMES}`, median(ours, 'dragBusyMs'), 'ms', base, median(theirs, 'dragBusyMs')),
      row(`designer/${NODES} nodes p95 frame interval, pan+zoom`, median(ours, 'panZoomP95Ms'), 'ms', base, median(theirs, 'panZoomP95Ms')),
      row(`designer/${NODES} nodes p95 frame interval, dragging`, median(ours, 'dragP95Ms'), 'ms', base, median(theirs, 'dragP95Ms')),
      row(`designer/${NODES} nodes first render (file click to all drawn)`, median(ours, 'firstRenderMs'), 'ms', `${base} (navigation to all drawn)`, median(theirs, 'firstRenderMs')),
    ]
  },
}
