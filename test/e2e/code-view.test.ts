/**
 * The code view, the inspector and the Problems panel in real headless Chromium, on their dev harness
 * (designer/app/code/dev/harness.html served by Vite on 127.0.0.1): Monaco bundled with its workers,
 * a valid JSON edit reaching the document, an invalid one refused with a banner, an inspector edit
 * followed by the JSON, the cursor kept through a document change; no console error, no request
 * outside 127.0.0.1 (so Monaco loaded nothing from a CDN).
 */
import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { ViteDevServer } from 'vite'
import { startHarness } from '../../designer/app/code/dev/serve.ts'

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']

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

/** Selects the text of `needle` in the editor and types over it, as a person would. */
async function typeOver(needle: string, text: string) {
  process.stderr.write('L32\n')
  await page.evaluate((needle) => {
    const model = __sbCodeEditor.getModel()
    const at = model.getValue().indexOf(needle)
    const start = model.getPositionAt(at)
    const end = model.getPositionAt(at + needle.length)
    __sbCodeEditor.focus()
    __sbCodeEditor.setSelection({ startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column })
  }, needle)
  process.stderr.write('L40\n')
  await page.keyboard.type(text)
}

const inSync = () => page.waitForFunction(() => harness.editorText() === harness.docText())

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true })
  const started = await startHarness()
  server = started.server
  const url = started.url
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs })
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  context.setDefaultTimeout(0)
  context.on('request', (request) => {
    requested.push(request.url())
    const { protocol, hostname } = new URL(request.url())
    if (!['data:', 'blob:', 'about:'].includes(protocol) && hostname !== '127.0.0.1') outside.push(request.url())
  })
  process.stderr.write('L58\n')
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()))
  page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  process.stderr.write('L64\n')
  await page.goto(`${url}?flow=order-bot`)
  process.stderr.write('L65\n')
  await page.waitForSelector('.monaco-editor .view-lines')
  process.stderr.write('L66\n')
  await inSync()
}, 0)

afterAll(async () => {
  process.stderr.write('L70\n')
  await browser?.close()
  process.stderr.write('L71\n')
  await server?.close()
})

describe('code view', () => {
  it('applies a valid JSON edit to the document', async () => {
    process.stderr.write('L76\n')
    await typeOver('"Order bot"', '"Shop bot"')
    process.stderr.write('L77\n')
    await page.waitForFunction(() => harness.flow().name === 'Shop bot')
    process.stderr.write('L78\n')
    await shot('valid-edit')
  }, 0)

  it('refuses invalid JSON with a banner and leaves the document alone', async () => {
    const before = await page.evaluate(() => harness.docText())
    process.stderr.write('L83\n')
    await typeOver('"Shop bot"', '"Broken')
    const banner = page.locator('.sb-code-banner')
    process.stderr.write('L85\n')
    await banner.waitFor()
    expect(await banner.textContent()).toMatch(/^Not applied: Not valid JSON/)
    expect(await page.evaluate(() => harness.docText())).toBe(before)
    process.stderr.write('L88\n')
    await page.waitForFunction(() => __sbMonaco.editor.getModelMarkers({ owner: 'switchboard' }).some((m: any) => m.severity === __sbMonaco.MarkerSeverity.Error))
    process.stderr.write('L89\n')
    await shot('invalid-json')
    process.stderr.write('L90\n')
    await page.getByRole('button', { name: 'Revert to the canvas version' }).click()
    process.stderr.write('L91\n')
    await inSync()
    expect(await banner.count()).toBe(0)
  }, 0)

  it('refuses a schema error, and Monaco shows our schema diagnostics too', async () => {
    const before = await page.evaluate(() => harness.docText())
    process.stderr.write('L97\n')
    await typeOver('"version": 1', '"version": "one"')
    process.stderr.write('L98\n')
    await page.locator('.sb-code-banner', { hasText: 'Not applied' }).waitFor()
    expect(await page.evaluate(() => harness.docText())).toBe(before)
    process.stderr.write('L100\n')
    await page.waitForFunction(() => __sbMonaco.editor.getModelMarkers({ owner: 'json' }).some((m: any) => m.startLineNumber === 6))
    process.stderr.write('L101\n')
    await page.getByRole('button', { name: 'Revert to the canvas version' }).click()
    process.stderr.write('L102\n')
    await inSync()
  }, 0)

  it('follows a document change without moving the cursor', async () => {
    process.stderr.write('L106\n')
    await page.evaluate(() => {
      __sbCodeEditor.focus()
      __sbCodeEditor.setPosition({ lineNumber: 3, column: 5 })
      harness.setMeta('description', 'Changed by someone else')
    })
    process.stderr.write('L111\n')
    await inSync()
    expect(await page.evaluate(() => __sbCodeEditor.getPosition())).toMatchObject({ lineNumber: 3, column: 5 })
  }, 0)

  it('reveals a JSON pointer', async () => {
    process.stderr.write('L116\n')
    await page.evaluate(() => harness.reveal('/nodes/1/options/2'))
    process.stderr.write('L117\n')
    await page.waitForFunction(() => {
      const line = __sbCodeEditor.getModel().getLineContent(__sbCodeEditor.getSelection().startLineNumber)
      return line.trim() === '{' && __sbCodeEditor.getModel().getValueInRange(__sbCodeEditor.getSelection()).includes('"id": "cod"')
    })
  }, 0)
})

describe('inspector', () => {
  it('edits a menu option label; the document and the JSON follow and focus stays', async () => {
    process.stderr.write('L126\n')
    await page.locator('[data-node="main-menu"]').click()
    const label = page.locator('.sb-option').first().getByLabel('Label (en)')
    process.stderr.write('L128\n')
    await label.click()
    process.stderr.write('L129\n')
    await label.press('End')
    process.stderr.write('L130\n')
    await page.keyboard.type(' now')
    process.stderr.write('L131\n')
    await page.waitForFunction(() => harness.flow().nodes.find((n: any) => n.id === 'main-menu').options[0].label === 'Track your order now')
    process.stderr.write('L132\n')
    await inSync()
    expect(await page.evaluate(() => harness.editorText()!.includes('"label": "Track your order now"'))).toBe(true)
    expect(await label.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await page.locator('.sb-option').first().locator('.sb-counter').textContent()).toMatch(/^20 \/ 24/)
    process.stderr.write('L136\n')
    await shot('inspector-edit')
  }, 0)

  it('renames a node id and keeps it selected', async () => {
    const id = page.getByLabel('Node id')
    process.stderr.write('L141\n')
    await id.fill('main')
    process.stderr.write('L142\n')
    await id.press('Enter')
    process.stderr.write('L143\n')
    await page.waitForFunction(() => harness.flow().nodes.some((n: any) => n.id === 'main') && harness.flow().nodes.every((n: any) => Object.values(n.exits ?? {}).every((t) => t !== 'main-menu')))
    expect(await page.getByLabel('Node id').inputValue()).toBe('main')
  }, 0)
})

describe('problems panel', () => {
  it('lists problems and reveals a node', async () => {
    const list = page.getByRole('listbox', { name: 'Problems' })
    process.stderr.write('L151\n')
    await list.getByRole('option').first().click()
    expect(await page.locator('.sb-inspector h2').textContent()).toBe('Menu')
    process.stderr.write('L153\n')
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
