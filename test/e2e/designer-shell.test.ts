/**
 * The designer's workbench in real headless Chromium (Debian's /usr/bin/chromium) on a copy of the
 * examples: the Explorer lists the flows, one opens in a tab, the JSON view toggles, the command
 * palette runs "Fit view", and a new flow made from a template lands on disk. The page logs no
 * error and asks nothing of any host but 127.0.0.1. The build comes from test/e2e/global-setup.ts.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startDesigner, type Designer } from '../../designer/server/server.ts'
import { chromiumArgs } from './helpers/browser.ts'

const examples = join(import.meta.dirname, '..', '..', 'examples')

let workspace: string
let designer: Designer
let browser: Browser
let context: BrowserContext
let page: Page
const problems: string[] = []
const outside: string[] = []

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true })
  workspace = mkdtempSync(join(tmpdir(), 'switchboard-shell-'))
  cpSync(examples, workspace, { recursive: true })
  designer = await startDesigner({ workspace, port: 0, host: '127.0.0.1', token: 'shell-test-token' })
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs })
  context = await browser.newContext({ viewport: { width: 1400, height: 860 } })
  context.setDefaultTimeout(0)
  const local = (url: string) => /^(data|blob|about):/.test(url) || new URL(url).hostname === '127.0.0.1'
  await context.route('**/*', (route) => (local(route.request().url()) ? route.continue() : (outside.push(route.request().url()), route.abort())))
  page = await context.newPage()
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
  page.on('pageerror', (error) => problems.push(error.message))
  await page.goto(designer.url)
})

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await page?.screenshot({ path: `test-results/designer-shell-failure-${test.task.name.replace(/\W+/g, '-')}.png` })
})

afterAll(async () => {
  await browser?.close()
  await designer?.close()
  rmSync(workspace, { recursive: true, force: true })
})

const flowFiles = ['escalation-policy.flow.json', 'feedback-survey.flow.json', 'ivr-main-menu.flow.json', 'multilingual.flow.json', 'order-bot.flow.json']

describe('designer workbench', () => {
  it('lists the example flows in the Explorer', async () => {
    await page.waitForFunction((count) => document.querySelectorAll('.file-open .file-name').length >= count, flowFiles.length)
    const names = await page.locator('.file-open .file-name').allTextContents()
    expect(names).toEqual(flowFiles)
    await page.getByRole('status').filter({ hasText: 'Workspace connected' }).waitFor()
  })

  it('opens order-bot.flow.json in a tab, drawn on the canvas', async () => {
    await page.getByRole('button', { name: /^order-bot\.flow\.json/ }).click()
    await page.getByRole('tab', { name: /order-bot\.flow\.json/ }).waitFor()
    await page.waitForSelector('.canvas-pane .react-flow__node, .canvas-pane .view-placeholder')
    expect(await page.locator('.status-bar').textContent()).toMatch(/Saved.*v1.*EN/)
  })

  it('toggles the JSON code view beside the canvas', async () => {
    const toggle = page.getByRole('button', { name: 'Toggle JSON code view' })
    await toggle.click()
    await page.waitForSelector('.code-pane .monaco-editor, .code-pane .view-placeholder')
    expect(await toggle.getAttribute('aria-pressed')).toBe('true')
    await page.keyboard.press('Control+Backslash')
    await page.waitForSelector('.code-pane', { state: 'detached' })
    expect(await toggle.getAttribute('aria-pressed')).toBe('false')
  })

  it('runs "Fit view" from the command palette', async () => {
    await page.locator('.canvas-pane').click({ position: { x: 5, y: 5 } })
    const viewport = () => page.locator('.react-flow__viewport').getAttribute('style')
    const runCommand = async (name: string) => {
      await page.keyboard.press('Control+Shift+P')
      const input = page.locator('.quick-input [cmdk-input]')
      await input.fill(name)
      await page.getByRole('option', { name: new RegExp(name) }).first().waitFor()
      expect(await page.locator('[cmdk-item]').allTextContents()).toContainEqual(expect.stringContaining(name))
      await input.press('Enter')
      await page.waitForSelector('.quick-input', { state: 'detached' })
    }
    await runCommand('Zoom in')
    await page.waitForFunction(() => !!document.querySelector('.react-flow__viewport'))
    const zoomed = await viewport()
    await runCommand('Fit view')
    await page.waitForFunction((before) => document.querySelector('.react-flow__viewport')?.getAttribute('style') !== before, zoomed)
  })

  it('creates a new flow from a template and writes it to the workspace', async () => {
    await page.getByRole('button', { name: 'New flow…' }).first().click()
    const dialog = page.getByRole('dialog', { name: 'New flow' })
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Late orders')
    await dialog.getByRole('radio', { name: 'WhatsApp menu' }).check()
    await dialog.getByRole('button', { name: 'Create' }).click()
    await page.getByRole('tab', { name: /late-orders\.flow\.json/ }).waitFor()
    const file = join(workspace, 'late-orders.flow.json')
    expect(existsSync(file)).toBe(true)
    const flow = JSON.parse(readFileSync(file, 'utf8'))
    expect(flow).toMatchObject({ id: 'late-orders', name: 'Late orders' })
    expect(flow.nodes.some((n: { type: string }) => n.type === 'menu')).toBe(true)
    await page.waitForFunction(() => [...document.querySelectorAll('.file-open .file-name')].some((e) => e.textContent === 'late-orders.flow.json'))
    await page.screenshot({ path: 'test-results/designer-shell.png' })
  })

  it('logged no error and asked nothing outside 127.0.0.1', () => {
    expect(problems).toEqual([])
    expect(outside).toEqual([])
  })
})
