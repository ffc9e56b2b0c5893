/**
 * The agent desk page (/desk) in real headless Chromium (Debian's /usr/bin/chromium): a web chat
 * customer (a real socket) asks for a person; the agent signs in with the token, sees the waiting
 * conversation with its SLA countdown and context, claims it, replies (the customer gets it),
 * writes a note and resolves (the bot answers again). No console errors, nothing leaves 127.0.0.1.
 */
import { mkdirSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { escalationPolicy, openChat, type ChatCustomer } from '../integration/desk-fixture.ts'
import { startRecorder, startTestRuntime, type Recorder, type TestRuntime } from '../integration/helpers/index.ts'
import { chromiumArgs } from './helpers/browser.ts'


let runtime: TestRuntime
let hooks: Recorder
let browser: Browser
let context: BrowserContext
let page: Page
let customers: ChatCustomer[] = []
const problems: string[] = []
const outside: string[] = []

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true })
  hooks = await startRecorder({ status: 200, body: {} })
  runtime = await startTestRuntime({ flows: [escalationPolicy(hooks.url)], env: { SWITCHBOARD_HTTP_ALLOW: '127.0.0.1' } })
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs })
  context = await browser.newContext({ viewport: { width: 1360, height: 820 } })
  context.setDefaultTimeout(0)
  const local = (url: string) => /^(data|blob|about):/.test(url) || new URL(url).hostname === '127.0.0.1'
  context.on('request', (request) => {
    if (!local(request.url())) outside.push(request.url())
  })
  page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
})
afterEach(async (test) => {
  if (test.task.result?.state === 'fail' && page) await page.screenshot({ path: 'test-results/desk-failure.png' })
})
afterAll(async () => {
  for (const c of customers) c.close()
  await browser?.close()
  await runtime?.close()
  await hooks?.close()
})

it('an agent signs in, claims a waiting web chat customer, replies, notes and resolves back to the bot', async () => {
  const chat = await openChat(runtime.url)
  customers.push(chat.customer)
  chat.customer.send({ type: 'message', text: 'talk to a person' })
  expect(await chat.customer.turn()).toEqual(['Connecting you to a colleague…'])
  chat.customer.send({ type: 'message', text: 'My parcel 4711 never arrived' })
  await chat.customer.turn()
  // A second customer keeps waiting, so the list and the supervisor panel show a queue.
  const other = await openChat(runtime.url)
  customers.push(other.customer)
  other.customer.send({ type: 'message', choice: 'person', text: 'Talk to a person' })
  await other.customer.turn()

  // A wrong token is refused on the login form; the right one signs in.
  await page.goto(`${runtime.url}/desk`)
  await page.getByLabel('Your name').fill('Ada')
  await page.getByLabel('Access token').fill('wrong-token')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('token is not right')
  // The refused attempt is the only thing the console reports (Chromium logs the 401 itself).
  expect(problems.splice(0)).toEqual(['Failed to load resource: the server responded with a status of 401 (Unauthorized)'])
  await page.getByLabel('Access token').fill('test-token')
  await page.getByRole('button', { name: 'Sign in' }).click()

  const card = page.locator(`[data-conversation="${chat.key}"]`)
  await card.waitFor()
  expect(await card.textContent()).toContain('support-tier1')
  expect(await card.textContent()).toContain('P5')
  expect(await card.locator('.sla').textContent()).toMatch(/^alert in [0-9]:[0-5][0-9]$/)
  await page.locator('.supervisor tr[data-queue="support-tier1"]').waitFor()
  expect(await page.locator('.supervisor tr[data-queue="support-tier1"] td').allTextContents()).toEqual(['2', '0', expect.stringMatching(/^0:0\d$/), '0'])

  await page.locator(`[data-conversation="${other.key}"]`).waitFor()
  await card.getByRole('button', { name: 'Claim' }).click()
  const transcript = page.getByRole('list', { name: 'Transcript' })
  await transcript.getByText('My parcel 4711 never arrived').waitFor()
  expect(await transcript.locator('.from-bot').first().textContent()).toContain("Hi! I'm the Example Shop assistant.")
  expect(await page.locator('.variables').textContent()).toContain('{"tier":"standard"}')
  await page.locator(`.list [data-conversation="${chat.key}"] .sla-off`).waitFor()

  await page.getByLabel('Reply to the customer').fill('Hi, Ada here. Let me check parcel 4711.')
  await page.getByRole('button', { name: 'Send' }).click()
  const delivered = await chat.customer.next('message')
  expect(delivered).toMatchObject({ text: 'Hi, Ada here. Let me check parcel 4711.', from: 'agent' })
  await transcript.locator('.from-agent', { hasText: 'Let me check parcel 4711' }).waitFor()

  await page.getByLabel('Internal note', { exact: true }).fill('Carrier lost it; refund approved')
  await page.getByRole('button', { name: 'Add' }).click()
  await page.locator('.notes li', { hasText: 'refund approved' }).waitFor()

  chat.customer.send({ type: 'message', text: 'Thank you!' })
  await chat.customer.turn()
  await transcript.locator('.from-customer', { hasText: 'Thank you!' }).waitFor()
  await page.screenshot({ path: 'test-results/desk.png' })

  await page.getByLabel('Then', { exact: true }).selectOption('help-menu')
  await page.getByRole('button', { name: 'Resolve' }).click()
  expect(await chat.customer.messages(1)).toEqual(['How can I help?'])
  await page.getByRole('status').filter({ hasText: 'Given back to the bot.' }).waitFor()
  await page.getByText('Pick a conversation on the left.').waitFor()
  expect(await page.locator('[data-conversation]').count()).toBe(1)
  await page.locator(`[data-conversation="${other.key}"]`).waitFor()

  chat.customer.send({ type: 'message', choice: 'returns', text: 'Returns' })
  expect((await chat.customer.turn())[0]).toBe('You can return any item within 30 days at https://shop.example/returns.')

  expect(problems).toEqual([])
  expect(outside).toEqual([])
})
