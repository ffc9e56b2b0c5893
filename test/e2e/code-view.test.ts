/**
 * The code view, the inspector and the Problems panel in real headless Chromium, on their dev harness
 * (designer/app/code/dev/harness.html served by Vite on 127.0.0.1, the repository as its root): Monaco bundled with its workers,
 * a valid JSON edit reaching the document, an invalid one refused with a banner, an inspector edit
 * followed by the JSON, the cursor kept through a document change; no console error, no request
 * outside 127.0.0.1 (so Monaco loaded nothing from a CDN).
 */
import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import react from '@vitejs/plugin-react'
import type { AddressInfo } from 'node:net'
import { chromiumArgs } from './helpers/browser.ts'

const HARNESS = '/designer/app/code/dev/harness.html'


let server: ViteDevServer
let browser: Browser
let page: Page
const errors: string[] = []
const outside: string[] = []
const requested: string[] = []

type Harness = { flow(): any; docText(): string; editorText(): string | undefined; setMeta(key: string, value: unknown): void; reveal(pointer: string): void }
declare const harness: Harness
declare const __sbCodeEditor: any
declare const __sbMonaco: any

const shot = (name: string) => page.screenshot({ path: `test-results/code-view-${name}.png` })

/**
 * Selects `part` of the first `context` in the editor and types over it, as a person would (typing a
 * quote over a selection would surround it, as in VS Code, so the tests select inside strings).
 */
async function typeOver(context: string, part: string, text: string) {
  await page.evaluate(([context, part]) => {
    const model = __sbCodeEditor.getModel()
    const at = model.getValue().indexOf(context) + context.indexOf(part)
    const start = model.getPositionAt(at)
    const end = model.getPositionAt(at + part.length)
    __sbCodeEditor.focus()
    __sbCodeEditor.setSelection({ startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column })
  }, [context, part])
  await page.keyboard.type(text)
}

const inSync = () => page.waitForFunction(() => harness.editorText() === harness.docText())

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true })
  server = await createServer({
    root: process.cwd(),
    configFile: false,
    // its own dependency cache: dev servers of test files running in parallel must not optimise into one folder
    cacheDir: 'node_modules/.vite-test-code-view',
    logLevel: 'error',
    plugins: [react()],
    resolve: { dedupe: ['yjs', 'react', 'react-dom'] },
    optimizeDeps: { entries: [HARNESS.slice(1)] },
    server: { host: '127.0.0.1', port: 0, hmr: false },
  })
  await server.listen()
  const url = `http://127.0.0.1:${(server.httpServer!.address() as AddressInfo).port}${HARNESS}`
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs })
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  context.setDefaultTimeout(0)
  context.on('request', (request) => {
    requested.push(request.url())
    const { protocol, hostname } = new URL(request.url())
    if (!['data:', 'blob:', 'about:'].includes(protocol) && hostname !== '127.0.0.1') outside.push(request.url())
  })
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()))
  page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${url}?flow=order-bot`)
  await page.waitForSelector('.monaco-editor .view-lines')
  await inSync()
}, 0)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('code view', () => {
  it('applies a valid JSON edit to the document', async () => {
    await typeOver('"name": "Order bot"', 'Order', 'Shop')
    await page.waitForFunction(() => harness.flow().name === 'Shop bot')
    await shot('valid-edit')
  }, 0)

  it('refuses invalid JSON with a banner and leaves the document alone', async () => {
    const before = await page.evaluate(() => harness.docText())
    await typeOver('"name": "Shop bot",', ',', ' oops,')
    const banner = page.locator('.sb-code-banner')
    await banner.waitFor()
    expect(await banner.textContent()).toMatch(/^Not applied: Not valid JSON/)
    expect(await page.evaluate(() => harness.docText())).toBe(before)
    await page.waitForFunction(() => __sbMonaco.editor.getModelMarkers({ owner: 'switchboard' }).some((m: any) => m.severity === __sbMonaco.MarkerSeverity.Error))
    await shot('invalid-json')
    await page.getByRole('button', { name: 'Revert to the canvas version' }).click()
    await inSync()
    expect(await banner.count()).toBe(0)
  }, 0)

  it('refuses a schema error, and Monaco shows our schema diagnostics too', async () => {
    const before = await page.evaluate(() => harness.docText())
    await typeOver('"version": 1', '1', '0')
    await page.locator('.sb-code-banner', { hasText: 'Not applied' }).waitFor()
    expect(await page.evaluate(() => harness.docText())).toBe(before)
    await page.waitForFunction(() => __sbMonaco.editor.getModelMarkers({ owner: 'json' }).some((m: any) => m.startLineNumber === 6))
    await page.getByRole('button', { name: 'Revert to the canvas version' }).click()
    await inSync()
  }, 0)

  it('follows a document change without moving the cursor', async () => {
    await page.evaluate(() => {
      __sbCodeEditor.focus()
      __sbCodeEditor.setPosition({ lineNumber: 3, column: 5 })
      harness.setMeta('description', 'Changed by someone else')
    })
    await inSync()
    expect(await page.evaluate(() => __sbCodeEditor.getPosition())).toMatchObject({ lineNumber: 3, column: 5 })
  }, 0)

  it('reveals a JSON pointer', async () => {
    await page.evaluate(() => harness.reveal('/nodes/1/options/2'))
    await page.waitForFunction(() => {
      const line = __sbCodeEditor.getModel().getLineContent(__sbCodeEditor.getSelection().startLineNumber)
      return line.trim() === '{' && __sbCodeEditor.getModel().getValueInRange(__sbCodeEditor.getSelection()).includes('"id": "cod"')
    })
  }, 0)
})

describe('inspector', () => {
  it('edits a menu option label; the document and the JSON follow and focus stays', async () => {
    await page.locator('[data-node="main-menu"]').click()
    const label = page.locator('.sb-option').first().getByLabel('Label (en)')
    await label.click()
    await label.press('End')
    await page.keyboard.type(' now')
    await page.waitForFunction(() => harness.flow().nodes.find((n: any) => n.id === 'main-menu').options[0].label === 'Track your order now')
    await inSync()
    expect(await page.evaluate(() => harness.editorText()!.includes('"label": "Track your order now"'))).toBe(true)
    expect(await label.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await page.locator('.sb-option').first().locator('.sb-option-label .sb-counter').textContent()).toMatch(/^20 \/ 24/)
    await shot('inspector-edit')
  }, 0)

  it('renames a node id and keeps it selected', async () => {
    const id = page.getByLabel('Node id')
    await id.fill('main')
    await id.press('Enter')
    await page.waitForFunction(() => harness.flow().nodes.some((n: any) => n.id === 'main') && harness.flow().nodes.every((n: any) => Object.values(n.exits ?? {}).every((t) => t !== 'main-menu')))
    expect(await page.getByLabel('Node id').inputValue()).toBe('main')
  }, 0)
})

describe('problems panel', () => {
  it('lists problems and reveals a node', async () => {
    const list = page.getByRole('listbox', { name: 'Problems' })
    await list.getByRole('option').first().click()
    expect(await page.locator('.sb-inspector h2').textContent()).toBe('Menu')
    await shot('problems')
  }, 0)
})

describe('the page', () => {
  it('logged no error and asked nothing outside 127.0.0.1; Monaco and its workers came from the harness', () => {
    expect(errors).toEqual([])
    expect(outside).toEqual([])
    expect(requested.some((url) => url.includes('json.worker'))).toBe(true)
    expect(requested.some((url) => url.includes('editor.worker'))).toBe(true)
  })
})
