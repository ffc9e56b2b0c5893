import { chromium } from 'playwright-core'
import { startHarness } from './serve.ts'
const { url, server } = await startHarness()
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] })
const page = await browser.newPage({ viewport: { width: 1400, height: Number(process.env.H ?? 900) } })
const logs: string[] = []
page.on('console', (m) => { if (m.type() === 'error') logs.push(String(m.location().url)); if (m.type() === 'error' || m.type() === 'warning') logs.push(`${m.type()}: ${m.text()}`) })
page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`))
page.on('request', (r) => { if (!r.url().startsWith('http://127.0.0.1')) logs.push(`EXTERNAL ${r.url()}`) })
const target = url + (process.argv[2] ?? '')
const t0 = Date.now()
await page.goto(target)
await page.waitForSelector('.monaco-editor .view-lines', { timeout: 120000 })
console.log('loaded in', Date.now() - t0)
await page.waitForTimeout(1500)
if (process.env.SEL) await page.locator(process.env.SEL).screenshot({ path: '/tmp/shots/a.png' }); else await page.screenshot({ path: '/tmp/shots/a.png' })
console.log(logs.join('\n'))
await browser.close(); await server.close()
