/**
 * The embeddable web chat widget in real headless Chromium (Debian's /usr/bin/chromium), on the
 * runtime's demo shop page: open, greet, tap, type, reload, continue — with the keyboard where a
 * customer would, no console errors and no request leaving 127.0.0.1.
 */
import { mkdirSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import flow from '../../runtime/server/webchat/testdata/web-shop.flow.json' with { type: 'json' }
import { startTestRuntime, type TestRuntime } from '../integration/helpers/index.ts'
import { chromiumArgs } from './helpers/browser.ts'


let runtime: TestRuntime
let browser: Browser
let context: BrowserContext
let page: Page
let problems: string[]
let outside: string[]

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true })
  runtime = await startTestRuntime({ flows: [flow] })
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs })
})
afterAll(async () => {
  await browser?.close()
  await runtime?.close()
})

async function openPage(options: Parameters<Browser['newContext']>[0] = {}) {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options })
  context.setDefaultTimeout(0)
  problems = []
  outside = []
  const local = (url: string) => /^(data|blob|about):/.test(url) || new URL(url).hostname === '127.0.0.1'
  context.on('request', (request) => {
    if (!local(request.url())) outside.push(request.url())
  })
  page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('websocket', (socket) => {
    if (!local(socket.url().replace(/^ws/, 'http'))) outside.push(socket.url())
  })
  await page.goto(`${runtime.url}/webchat/demo`)
}

beforeEach(() => {
  problems = []
  outside = []
})
afterEach(async (test) => {
  if (test.task.result?.state === 'fail' && page) await page.screenshot({ path: `test-results/widget-failure-${test.task.name.replace(/\W+/g, '-')}.png` })
  await context?.close()
})

/** Which element inside the widget's shadow root has focus (its id, class or text). */
const focused = () =>
  page.evaluate(() => {
    const active = document.querySelector('#switchboard-webchat')?.shadowRoot?.activeElement
    return active ? active.id || active.getAttribute('aria-label') || active.textContent : null
  })

const launcher = () => page.getByRole('button', { name: /open chat|close chat/i }).last()
const botSaid = (text: string) => page.getByRole('log').getByText(text, { exact: true }).last()

describe('web chat widget', () => {
  it('greets, takes a tap and typed text, survives a reload and carries on', async () => {
    await openPage()
    await page.getByRole('button', { name: 'Open chat: Northwind Help' }).click()
    expect(await launcher().getAttribute('aria-expanded')).toBe('true')
    expect(await focused()).toBe('input')
    await botSaid("Hi! I'm the Northwind assistant.").waitFor()
    await botSaid('What can I help you with?').waitFor()
    for (const label of ['Track my order', 'Shipping times', 'Nothing, thanks']) await page.getByRole('button', { name: label }).waitFor()

    await page.getByRole('button', { name: 'Shipping times' }).click()
    await botSaid('We ship in 2 working days, free above €30.').waitFor()
    expect(await page.getByRole('button', { name: 'Shipping times' }).first().isDisabled()).toBe(true)
    expect(await focused()).toBe('input')

    await page.keyboard.type('Track my order')
    await page.keyboard.press('Enter')
    await botSaid("What's your order number?").waitFor()
    await page.keyboard.type('4711')
    await page.keyboard.press('Enter')
    await botSaid('Order 4711 left our roastery and arrives on Thursday.').waitFor()
    await page.getByRole('status').filter({ hasText: 'typing' }).waitFor({ state: 'hidden' })
    await page.screenshot({ path: 'test-results/widget.png' })

    await page.reload()
    await botSaid('Order 4711 left our roastery and arrives on Thursday.').waitFor()
    expect(await page.getByRole('log').getByText('4711', { exact: true }).count()).toBe(1)
    await page.getByRole('button', { name: 'Nothing, thanks' }).last().click()
    await botSaid('Thanks for visiting, bye!').waitFor()

    await page.keyboard.press('Escape')
    expect(await launcher().getAttribute('aria-expanded')).toBe('false')
    expect(await focused()).toMatch(/^Open chat: Northwind Help/)

    expect(problems).toEqual([])
    expect(outside).toEqual([])
  })

  it('is reachable with the keyboard alone, and readable in dark mode', async () => {
    await openPage({ colorScheme: 'dark', reducedMotion: 'reduce' })
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    const stops: (string | null)[] = []
    for (let i = 0; i < 8 && !stops.some((s) => s?.startsWith('Open chat')); i++) {
      await page.keyboard.press('Tab')
      stops.push(await focused())
    }
    expect(stops.at(-1)).toBe('Open chat: Northwind Help')
    await page.keyboard.press('Enter')
    expect(await focused()).toBe('input')
    await botSaid('What can I help you with?').waitFor()
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('Send message')
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Shift+Tab')
    expect(await focused()).toBe('Nothing, thanks')
    await page.keyboard.press('Enter')
    await botSaid('Thanks for visiting, bye!').waitFor()
    await page.getByRole('status').filter({ hasText: 'typing' }).waitFor({ state: 'hidden' })
    await page.screenshot({ path: 'test-results/widget-dark.png' })
    expect(problems).toEqual([])
    expect(outside).toEqual([])
  })

  it('keeps the host page styles out of the widget', async () => {
    await openPage()
    await page.getByRole('button', { name: 'Open chat: Northwind Help' }).click()
    await page.getByRole('button', { name: 'Shipping times' }).waitFor()
    const style = await page.getByRole('button', { name: 'Shipping times' }).evaluate((b) => {
      const s = getComputedStyle(b)
      return { transform: s.textTransform, family: s.fontFamily }
    })
    expect(style.transform).toBe('none')
    expect(style.family).not.toMatch(/Georgia/)
    expect(problems).toEqual([])
  })
})
