/**
 * The Deploy view in real Chromium on the harness page (Vite on 127.0.0.1), deploying across
 * origins to a real runtime started by the test (so the runtime's CORS is exercised): deploy, a
 * second version, roll back, a wrong token. No console error beyond the refused request, nothing outside 127.0.0.1.
 */
import { mkdirSync } from 'node:fs'
import type { ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser } from 'playwright-core'
import { startTestRuntime, type TestRuntime } from '../integration/helpers/index.ts'
import { harnessPage, serveHarness } from './simulator-harness.ts'
import { chromiumArgs } from './helpers/browser.ts'


let server: ViteDevServer
let base: string
let browser: Browser
let runtime: TestRuntime

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true })
  runtime = await startTestRuntime({ env: { SWITCHBOARD_TOKEN: 'deploy-token' } })
  ;({ server, url: base } = await serveHarness())
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  await runtime?.close()
})

describe('deploy view in Chromium', () => {
  it('deploys to the runtime on another origin, lists versions, rolls back, and reports a bad token', async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 640 } })
    context.setDefaultTimeout(0)
    const problems: string[] = []
    const outside: string[] = []
    context.on('request', (request) => void (/^(data|blob|about):/.test(request.url()) || new URL(request.url()).hostname === '127.0.0.1' || outside.push(request.url())))
    const page = await context.newPage()
    page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())))
    page.on('pageerror', (error) => problems.push(error.message))
    try {
      await page.goto(harnessPage(base, 'order-bot', 'deploy'))
      await page.getByLabel('Runtime URL').fill(runtime.url)
      await page.getByLabel('API token').fill('deploy-token')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByText('Not deployed to this runtime yet.').waitFor()
      await page.getByRole('button', { name: 'Deploy order-bot' }).click()
      await page.getByText('Deployed order-bot v1.').waitFor()
      await page.getByRole('row', { name: /v1 active/ }).waitFor()
      expect(runtime.catalog.active('order-bot')?.version).toBe(1)

      await runtime.catalog.deploy({ ...runtime.catalog.active('order-bot')!, name: 'Order bot, from the CLI' }, 'test')
      await page.getByRole('button', { name: 'Deploy order-bot' }).click()
      await page.getByRole('row', { name: /v3 active/ }).waitFor()
      await page.getByRole('button', { name: 'Roll back to v2' }).click()
      await page.getByText('Rolled order-bot back to v2.').waitFor()
      await page.getByRole('row', { name: /v2 active/ }).waitFor()
      expect(runtime.catalog.active('order-bot')?.name).toBe('Order bot, from the CLI')
      await page.screenshot({ path: 'test-results/deploy.png' })

      await page.getByRole('button', { name: 'Change' }).click()
      await page.getByLabel('API token').fill('not-the-token')
      await page.getByRole('button', { name: 'Save' }).click()
      await page.getByRole('button', { name: 'Deploy order-bot' }).click()
      await page.getByRole('alert').getByText(/refused the token \(401\)/).waitFor()
      expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([])
      expect(outside).toEqual([])
    } catch (error) {
      await page.screenshot({ path: 'test-results/deploy-failure.png' })
      throw error
    } finally {
      await context.close()
    }
  })
})
