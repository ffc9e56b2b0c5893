import { chromium } from 'playwright-core'
import { createServer } from 'vite'
import react from '@vitejs/plugin-react'
const server = await createServer({ root: process.cwd(), configFile: false, logLevel: 'error', plugins: [react()], resolve: { dedupe: ['yjs', 'react', 'react-dom'] }, optimizeDeps: { entries: ['designer/app/code/dev/harness.html'] }, server: { host: '127.0.0.1', port: 0, hmr: false } })
await server.listen()
const url = `http://127.0.0.1:${(server.httpServer!.address() as any).port}/designer/app/code/dev/harness.html`
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] })
const page = await browser.newPage({ viewport: { width: 1400, height: Number(process.env.H ?? 900) }, colorScheme: (process.env.SCHEME as any) ?? 'light' })
const logs: string[] = []
page.on('console', (m) => { if (m.type() === 'error') logs.push(`error: ${m.text()} ${m.location().url}`) })
page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`))
await page.goto(url + (process.argv[2] ?? ''))
await page.waitForSelector('.monaco-editor .view-lines', { timeout: 120000 })
if (process.env.DO) await page.evaluate(process.env.DO)
await page.waitForTimeout(1500)
if (process.env.SEL) await page.locator(process.env.SEL).screenshot({ path: '/tmp/shots/a.png' }); else await page.screenshot({ path: '/tmp/shots/a.png' })
console.log(logs.join('\n'))
await browser.close(); await server.close()
