/**
 * `switchboard serve` as an operator runs it: a real process on port 0, its banner, the token it
 * makes when none is set, JSON logs on stdout, a clean stop on SIGTERM, and one-line usage errors.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startRedisServer } from '../fixtures/redis-server.ts'
import { greeter } from './fixtures/greeter.ts'
import { childEnv, root, spawnServe, type ServeProcess } from './fixtures/serve-process.ts'
import { waitUntil } from './helpers/index.ts'

let cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const step of cleanup.reverse()) await step()
  cleanup = []
})

function folder(flows: object[] = [greeter('v1')]) {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-serve-'))
  mkdirSync(join(dir, 'flows'))
  for (const flow of flows) writeFileSync(join(dir, 'flows', `${(flow as { id: string }).id}.flow.json`), JSON.stringify(flow))
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function serve(args: string[], env: Record<string, string> = {}) {
  const p = await spawnServe(args, env)
  cleanup.push(async () => {
    if (p.child.exitCode === null && p.child.signalCode === null) await p.kill9()
  })
  return p
}

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/switchboard.js', ...args], { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => (stderr += c))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('switchboard serve', () => {
  it('prints its URL, flows and a token it made, guards the APIs with it, logs JSON, and stops cleanly on SIGTERM', async () => {
    const dir = folder([greeter('v1'), greeter('v1', { id: 'second' })])
    const p: ServeProcess = await serve(['--flows', join(dir, 'flows'), '--store', `sqlite:${join(dir, 'sb.db')}`])
    expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const banner = p.stdout.find((l) => l.startsWith('Switchboard runtime on'))!
    expect(banner).toBe(`Switchboard runtime on ${p.url} (2 flows: greeter v1, second v1)`)
    expect(p.stdout).toContain(`  web chat demo  ${p.url}/webchat/demo`)
    await waitUntil(() => p.stdout.some((l) => l.startsWith('  API token')), 'the token line')
    const tokenLine = p.stdout.find((l) => l.startsWith('  API token'))
    expect(tokenLine).toMatch(/^ {2}API token {6}\S{20,} {2}\(set SWITCHBOARD_TOKEN to choose your own\)$/)
    const token = tokenLine!.split(/\s+/)[3]

    expect((await fetch(`${p.url}/healthz`)).status).toBe(200)
    expect((await fetch(`${p.url}/api/flows`)).status).toBe(401)
    const listed = await fetch(`${p.url}/api/flows`, { headers: { authorization: `Bearer ${token}` } })
    expect(listed.status).toBe(200)
    expect((await listed.json()).map((f: { id: string }) => f.id)).toEqual(['greeter', 'second'])

    // every other line on stdout is a pino JSON log line
    await waitUntil(() => p.logs().some((l) => /WHATSAPP_APP_SECRET/.test(l.msg)), 'the start-up log lines')
    const logs = p.logs()
    for (const line of logs) expect(line).toMatchObject({ level: expect.any(String), time: expect.any(String), service: 'switchboard-runtime', msg: expect.any(String) })
    expect(logs.some((l) => /deployed greeter v1 from/.test(l.msg))).toBe(true)
    expect(logs.some((l) => /WHATSAPP_APP_SECRET/.test(l.msg))).toBe(true)

    expect(await p.stop()).toEqual({ code: 0, signal: null })
    expect(p.stderr).toBe('')
    // the database it closed opens again, with the flows it had
    const again = await serve(['--flows', join(dir, 'flows'), '--store', `sqlite:${join(dir, 'sb.db')}`], { SWITCHBOARD_TOKEN: 'chosen' })
    expect(again.stdout.some((l) => l.startsWith('  API token'))).toBe(false)
    const versions = await fetch(`${again.url}/api/flows/greeter/versions`, { headers: { authorization: 'Bearer chosen' } })
    expect((await versions.json()).map((v: { version: number }) => v.version)).toEqual([1])
    expect(await again.stop()).toEqual({ code: 0, signal: null })
  })

  it('runs on a Redis store (--store redis://HOST:PORT) and keeps the flows there across a restart', async () => {
    const redis = await startRedisServer()
    cleanup.push(() => redis.stop())
    const dir = folder()
    const store = redis.url('cli:')
    const p = await serve(['--flows', join(dir, 'flows'), '--store', store], { SWITCHBOARD_TOKEN: 't' })
    expect(p.stdout.find((l) => l.startsWith('Switchboard runtime on'))).toMatch(/\(1 flow: greeter v1\)$/)
    expect(await (await fetch(`${p.url}/healthz`)).json()).toEqual({ status: 'ok', flows: [{ id: 'greeter', version: 1 }] })
    // redis-server runs with the append-only file on: no durability warning
    expect(p.logs().filter((l) => /append-only/.test(l.msg))).toEqual([])
    expect(await p.stop()).toEqual({ code: 0, signal: null })
    expect(p.stderr).toBe('')
    const again = await serve(['--store', store], { SWITCHBOARD_TOKEN: 't' })
    const versions = await fetch(`${again.url}/api/flows/greeter/versions`, { headers: { authorization: 'Bearer t' } })
    expect((await versions.json()).map((v: { version: number }) => v.version)).toEqual([1])
    expect(await again.stop()).toEqual({ code: 0, signal: null })
  })

  it('keeps serving the last good version when a file in --flows is invalid at start', async () => {
    const broken = greeter('v2', { id: 'broken' })
    broken.nodes[0].exits = { next: 'nowhere' }
    const dir = folder([greeter('v1'), broken])
    const p = await serve(['--flows', join(dir, 'flows'), '--store', 'memory'], { SWITCHBOARD_TOKEN: 't' })
    expect(p.stdout.find((l) => l.startsWith('Switchboard runtime on'))).toMatch(/\(1 flow: greeter v1\)$/)
    await waitUntil(() => p.logs().some((l) => /^refused /.test(l.msg)), 'the "refused" log line')
    const refused = p.logs().find((l) => /^refused /.test(l.msg))
    expect(refused).toMatchObject({ level: 'error', msg: expect.stringMatching(/broken\.flow\.json: \/nodes\/0\/exits\/next: .*nowhere/) })
    expect(await (await fetch(`${p.url}/healthz`)).json()).toEqual({ status: 'ok', flows: [{ id: 'greeter', version: 1 }] })
  })

  it('exits 2 with one line for a bad --port, a missing --flows folder, an unknown or unavailable store, and a port in use', async () => {
    const dir = folder()
    const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /)

    const port = await run(['serve', '--port', 'eighty'])
    expect(port.code).toBe(2)
    expect(port.stderr).toBe("switchboard: --port must be a number from 0 to 65535, not 'eighty'\n")

    const flows = await run(['serve', '--port', '0', '--flows', join(dir, 'nope')])
    expect(flows.code).toBe(2)
    expect(flows.stderr).toMatch(/^switchboard: no such folder: .*nope\n$/)

    // a Redis nobody runs: the port of a listener closed again
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const deadPort = (closed.address() as { port: number }).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const redis = await run(['serve', '--port', '0', '--flows', join(dir, 'flows'), '--store', `redis://127.0.0.1:${deadPort}`])
    expect(redis.code).toBe(2)
    expect(redis.stderr).toMatch(new RegExp(`^switchboard: cannot reach Redis at 127\\.0\\.0\\.1:${deadPort} \\(connect ECONNREFUSED [^)]*\\); is redis-server running there\\? \\(--store redis://HOST:PORT\\)\n$`))

    const unknown = await run(['serve', '--port', '0', '--flows', join(dir, 'flows'), '--store', 'postgres://x'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/^switchboard: Unknown store 'postgres:\/\/x'/)

    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    cleanup.push(() => new Promise<void>((resolve) => taken.close(() => resolve())))
    const busyPort = (taken.address() as { port: number }).port
    const inUse = await run(['serve', '--port', String(busyPort), '--host', '127.0.0.1', '--flows', join(dir, 'flows'), '--store', 'memory'])
    expect(inUse.code).toBe(2)
    expect(inUse.stderr).toBe(`switchboard: port ${busyPort} is already in use; pick another with --port\n`)

    for (const ran of [port, flows, redis, unknown, inUse]) noStack(ran.stderr)
  })
})
