/**
 * Shared pieces of the designer's browser tests and benchmark: Debian's Chromium through
 * playwright-core with a fresh profile, a page that records every request (anything not on
 * 127.0.0.1 is refused and remembered), console errors and page errors, screenshots on failure in
 * test-results/, axe-core injected from node_modules, and a check that the focused element draws
 * a visible focus indicator.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']

/** A Chromium with a fresh user data dir (playwright-core makes a temp profile per launch and removes it on close; each context is a fresh incognito-like profile too). */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs })
  return { browser, close: () => browser.close() }
}

export const isLoopback = (url: string) => {
  if (/^(data|blob|about):/.test(url)) return true
  const { hostname } = new URL(url.replace(/^ws/, 'http'))
  return hostname === '127.0.0.1'
}

export interface WatchedPage {
  context: BrowserContext
  page: Page
  /** Every URL the page asked for (HTTP and WebSocket). */
  requests: string[]
  /** URLs outside 127.0.0.1 (refused). */
  outside: string[]
  /** Console errors and uncaught page errors. */
  errors: string[]
}

export interface PageOptions {
  viewport?: { width: number; height: number }
  colorScheme?: 'light' | 'dark'
  /** localStorage entries set before any page script runs. */
  storage?: Record<string, string>
}

/** A new context and page on `browser` that records requests and errors; Playwright waits have no deadline. */
export async function watchedPage(browser: Browser, options: PageOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 860 }, colorScheme: options.colorScheme ?? 'light' })
  // No deadline of our own (the test's timeout bounds a wait); SB_E2E_WAIT=ms makes a stuck wait fail fast while debugging.
  context.setDefaultTimeout(Number(process.env.SB_E2E_WAIT ?? 0))
  const requests: string[] = []
  const outside: string[] = []
  const errors: string[] = []
  if (options.storage) {
    await context.addInitScript((entries) => {
      for (const [key, value] of Object.entries(entries)) if (localStorage.getItem(key) === null) localStorage.setItem(key, value)
    }, options.storage)
  }
  context.on('request', (request) => {
    requests.push(request.url())
    if (!isLoopback(request.url())) outside.push(request.url())
  })
  await context.route('**/*', (route) => (isLoopback(route.request().url()) ? route.continue() : route.abort()))
  const page = await context.newPage()
  page.on('websocket', (socket) => {
    requests.push(socket.url())
    if (!isLoopback(socket.url())) outside.push(socket.url())
  })
  page.on('console', (message) => void (message.type() === 'error' && errors.push(`${message.text()} (${message.location().url})`)))
  page.on('pageerror', (error) => errors.push(error.message))
  return { context, page, requests, outside, errors }
}

/** Saves a screenshot as test-results/<prefix>-failure-<test name>.png when the test failed. */
export async function screenshotOnFailure(page: Page | undefined, prefix: string, test: { task: { name: string; result?: { state?: string } } }) {
  if (!page || test.task.result?.state !== 'fail') return
  mkdirSync('test-results', { recursive: true })
  await page.screenshot({ path: `test-results/${prefix}-failure-${test.task.name.replace(/\W+/g, '-').slice(0, 80)}.png` }).catch(() => {})
}

const axeSource = () => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeFinding {
  id: string
  impact: string
  help: string
  nodes: string[]
}

/** Runs axe-core in the page (injected from node_modules) and returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page, selector?: string): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource() })
  const violations = await page.evaluate(async (selector) => {
    type Result = { violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<Result> } }).axe
    const result = await axe.run(selector ? document.querySelector(selector) : document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`) }))
  }, selector)
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/**
 * How the focused element shows its focus: its own outline or box-shadow (or those of its nearest
 * ancestor with a tabindex-less focus ring, such as a cmdk item). Undefined when nothing visible is drawn.
 */
export async function focusIndicator(page: Page): Promise<{ element: string; indicator?: string }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    if (!element || element === document.body) return { element: 'body' }
    const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : ''}${element.dataset.id ? `[data-id=${element.dataset.id}]` : ''}`
    const style = getComputedStyle(element)
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}` : undefined
    const shadow = style.boxShadow && style.boxShadow !== 'none' ? `box-shadow ${style.boxShadow}` : undefined
    return { element: name, indicator: outline ?? shadow }
  })
}
