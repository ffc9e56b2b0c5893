/**
 * The simulator in real headless Chromium on its harness page (designer/app/simulator/harness/,
 * served by Vite on 127.0.0.1): the order bot through the WhatsApp list to a hand-off with the
 * keyboard, an HTTP call answered from a mock, a flow edit mid-conversation, the phone keypad,
 * "Save as test" — with no console error, no request leaving 127.0.0.1 and no serious axe finding.
 */
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { ViteDevServer } from 'vite'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { Flow } from '../../schemas/nodes/step.ts'
import orderBotJson from '../../examples/order-bot.flow.json' with { type: 'json' }
import { runTranscript } from '../../runtime/transcripts/run.ts'
import { transcriptProblems } from '../../runtime/transcripts/files.ts'
import type { Transcript } from '../../runtime/transcripts/transcript.ts'
import { harnessPage, serveHarness } from './simulator-harness.ts'
import { chromiumArgs } from './helpers/browser.ts'

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

let server: ViteDevServer
let base: string
let browser: Browser
let context: BrowserContext
let page: Page
let problems: string[]
let outside: string[]

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true })
  ;({ server, url: base } = await serveHarness())
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})
afterEach(async (test) => {
  if (test.task.result?.state === 'fail' && page) await page.screenshot({ path: `test-results/simulator-failure-${test.task.name.replace(/\W+/g, '-')}.png` })
  await context?.close()
})

async function openHarness(flow: string) {
  context = await browser.newContext({ viewport: { width: 960, height: 820 } })
  context.setDefaultTimeout(0)
  problems = []
  outside = []
  const local = (url: string) => /^(data|blob|about):/.test(url) || new URL(url).hostname === '127.0.0.1'
  context.on('request', (request) => void (local(request.url()) || outside.push(request.url())))
  page = await context.newPage()
  page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())))
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('websocket', (socket) => void (local(socket.url().replace(/^ws/, 'http')) || outside.push(socket.url())))
  await page.goto(harnessPage(base, flow))
  await page.getByRole('radiogroup', { name: 'Channel' }).waitFor()
}

const activeNode = () => page.getByTestId('active-node').locator('strong').textContent()
const chat = () => page.locator('.sb-sim-wa-chat')
const saved = () => page.evaluate(() => (window as unknown as { __saved: { name: string; transcript: Transcript }[] }).__saved)

async function seriousAxeViolations() {
  await page.addScriptTag({ path: axePath })
  const result = await page.evaluate(async () => (window as unknown as { axe: { run(c: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document.querySelector('.sb-sim')))
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

describe('simulator in Chromium', () => {
  it('runs the order bot through the menu to a hand-off, from the keyboard', async () => {
    await openHarness('order-bot')
    const box = page.getByLabel('Message as the customer')
    await box.focus()
    await page.keyboard.type('hi')
    await page.keyboard.press('Enter')
    await chat().getByText('How can we help you today?').waitFor()
    await expect.poll(() => activeNode(), { timeout: 15_000 }).toBe('main-menu')

    await page.getByRole('button', { name: '☰ Choose' }).focus()
    await page.keyboard.press('Enter')
    const sheet = page.getByRole('dialog', { name: 'Choose' })
    await sheet.waitFor()
    await page.keyboard.press('Escape')
    await sheet.waitFor({ state: 'detached' })
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('☰ Choose')
    await page.keyboard.press('Enter')
    await sheet.getByRole('button', { name: /Talk to us/ }).focus()
    await page.keyboard.press('Enter')
    await chat().getByText('transfers to a human (queue customer-care)').waitFor()
    await expect.poll(() => activeNode(), { timeout: 15_000 }).toBe('handoff')
    expect(await page.locator('[aria-live="polite"]').first().textContent()).toBe('transfers to a human (queue customer-care)')
    await page.getByRole('button', { name: 'Agent hands back' }).waitFor()
    await page.screenshot({ path: 'test-results/simulator.png' })

    expect(await seriousAxeViolations()).toEqual([])
    expect(problems).toEqual([])
    expect(outside).toEqual([])
  })

  it('answers the order lookup from a mock, follows a flow edit, and saves a test that passes', async () => {
    await openHarness('order-bot')
    await page.getByLabel('Message as the customer').fill('hi')
    await page.getByLabel('Message as the customer').press('Enter')
    await page.getByRole('button', { name: '☰ Choose' }).click()
    await page.getByRole('dialog').getByRole('button', { name: /Track your order/ }).click()
    await page.getByLabel('Message as the customer').fill('1234567')
    await page.getByLabel('Message as the customer').press('Enter')
    const editor = page.getByRole('form', { name: 'Answer the HTTP call' })
    await editor.getByText('GET https://shop.example/api/orders/1234567').waitFor()
    await editor.getByRole('textbox').fill('{ "status": 200, "body": { "status": "shipped", "eta": "Thursday 8 January" } }')
    await editor.getByRole('button', { name: 'Answer', exact: true }).click()
    await chat().getByText('📦 Order 1234567 is shipped. Expected delivery: Thursday 8 January.').waitFor()
    await page.getByRole('cell', { name: 'shipped', exact: true }).waitFor()

    await page.evaluate(() => (window as unknown as { __edit(node: string, patch: object): void }).__edit('goodbye', { text: 'Bye for now!' }))
    await page.getByText('the flow was edited during this conversation').waitFor()
    await expect.poll(() => activeNode(), { timeout: 15_000 }).toBe('anything-else')
    await page.getByRole('button', { name: "That's all" }).click()
    await chat().getByText('Bye for now!').waitFor()

    await page.getByLabel('Name').fill('track then bye')
    await page.getByRole('button', { name: 'Save as test' }).click()
    await page.getByText(/Saved order-bot\.track-then-bye\.transcript\.json/).waitFor()
    const [{ name, transcript }] = await saved()
    expect(name).toBe('track-then-bye')
    expect(transcriptProblems(transcript)).toEqual([])
    const edited = structuredClone(orderBotJson) as unknown as Flow
    ;(edited.nodes.find((n) => n.id === 'goodbye') as { text: unknown }).text = 'Bye for now!'
    expect(runTranscript(transcript, edited).mismatches).toEqual([])
    expect(problems).toEqual([])
    expect(outside).toEqual([])
  })

  it('plays the IVR on the keypad, with no input and a hang-up', async () => {
    await openHarness('ivr-main-menu')
    await page.locator('.sb-sim-ivr-log').getByText(/listens for/).first().waitFor()
    const first = await activeNode()
    await page.getByRole('button', { name: 'Key 1' }).click()
    await page.locator('.sb-sim-ivr-log').getByText('☎ 1').waitFor()
    await expect.poll(() => activeNode(), { timeout: 15_000 }).not.toBe(first)
    await page.getByRole('button', { name: 'No input' }).click()
    await page.locator('.sb-sim-ivr-log').getByText('(silence)').waitFor()
    await page.getByRole('button', { name: 'Hang up' }).click()
    await page.getByText('The conversation ended (closed).').waitFor()
    await expect.poll(() => activeNode(), { timeout: 15_000 }).toBe('(none)')
    await page.screenshot({ path: 'test-results/simulator-ivr.png' })
    expect(problems).toEqual([])
    expect(outside).toEqual([])
  })
})
