/** `switchboard validate | test | chat` as a user runs them: a real process, its output and exit code. */
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = new URL('..', import.meta.url).pathname
const fixtures = 'test/fixtures/cli'

interface Ran {
  code: number | null
  stdout: string
  stderr: string
}

function run(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/switchboard.js', ...args], { cwd: root, env: { ...process.env, ...options.env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}

const noStack = (ran: Ran) => expect(`${ran.stdout}${ran.stderr}`).not.toMatch(/\n\s+at \S/)

describe('switchboard validate', () => {
  it('exits 0 for valid flows and prints a summary', async () => {
    const ran = await run(['validate', fixtures])
    expect(ran.code).toBe(0)
    expect(ran.stdout).toBe('')
    expect(ran.stderr).toMatch(/^1 file, 0 errors, 0 warnings$/m)
  })
  it('exits 1 naming the missing node with its JSON pointer', async () => {
    const ran = await run(['validate', `${fixtures}/broken/missing-node.flow.json`])
    expect(ran.code).toBe(1)
    expect(ran.stdout.trim()).toMatch(/^test\/fixtures\/cli\/broken\/missing-node\.flow\.json: \/nodes\/0\/exits\/next: [\w-]+ .*'nowhere'/)
  })
  it('reports malformed JSON in one line, without a stack trace', async () => {
    const ran = await run(['validate', `${fixtures}/broken/malformed.flow.json`])
    expect(ran.code).toBe(1)
    expect(ran.stdout.trim().split('\n')).toHaveLength(1)
    expect(ran.stdout).toMatch(/malformed\.flow\.json: \/: JSON .*line 4/)
    noStack(ran)
  })
  it('prints the problems as JSON with --json', async () => {
    const ran = await run(['validate', '--json', `${fixtures}/broken`])
    expect(ran.code).toBe(1)
    const problems = JSON.parse(ran.stdout)
    expect(problems).toContainEqual(expect.objectContaining({ file: `${fixtures}/broken/missing-node.flow.json`, severity: 'error', pointer: '/nodes/0/exits/next', node: 'hello' }))
    expect(problems.map((p: { code: string }) => p.code)).toContain('JSON')
  })
  it('prints warnings but exits 0 when there are no errors', async () => {
    const ran = await run(['validate', `${fixtures}/chat`])
    expect(ran.code).toBe(0)
    expect(ran.stdout).toMatch(/lookup\.flow\.json: \/nodes\/0: \S+ .*\(warning\)$/m)
  })
  it.each([
    ['an unknown option', ['validate', '--frobnicate', fixtures]],
    ['no file', ['validate']],
    ['a missing file', ['validate', 'no/such.flow.json']],
    ['an unknown command', ['frobnicate']],
  ])('exits 2 for %s, in a line or two', async (_, args) => {
    const ran = await run(args)
    expect(ran.code).toBe(2)
    expect(ran.stderr.trim().split('\n').length).toBeLessThanOrEqual(2)
    noStack(ran)
  })
})

describe('switchboard test', () => {
  it('passes the fixtures, one line each', async () => {
    const ran = await run(['test', fixtures])
    expect(ran.code).toBe(0)
    expect(ran.stdout).toContain('✓ test/fixtures/cli/shop.track-order.transcript.json')
    expect(ran.stdout).not.toContain('✗')
  })
  it('runs the transcripts next to a flow file', async () => {
    const ran = await run(['test', `${fixtures}/shop.flow.json`])
    expect(ran.code).toBe(0)
    expect(ran.stdout.trim().split('\n')).toHaveLength(4)
  })
  it('fails with a chat diff of the first difference', async () => {
    const ran = await run(['test', `${fixtures}/failing`])
    expect(ran.code).toBe(1)
    expect(ran.stdout).toContain('✗ test/fixtures/cli/failing/shop.wrong-answer.transcript.json')
    expect(ran.stdout).toContain('- bot: We ship everywhere in 2 days.')
    expect(ran.stdout).toContain('+ bot: We ship everywhere in 3 days.')
  })
  it('--update rewrites the failing turn, one turn per line, and then passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-cli-'))
    try {
      cpSync(join(root, fixtures, 'shop.flow.json'), join(dir, 'shop.flow.json'))
      const original = readFileSync(join(root, fixtures, 'failing/shop.wrong-answer.transcript.json'), 'utf8')
      const file = join(dir, 'shop.wrong-answer.transcript.json')
      writeFileSync(file, original.replace('"flow": "../shop.flow.json"', '"flow": "shop.flow.json"'))
      expect((await run(['test', '--update', dir])).code).toBe(0)
      const updated = readFileSync(file, 'utf8')
      expect(updated).toContain('\n    { "bot": "We ship everywhere in 3 days." },\n')
      expect(updated).toContain('\n    { "bot": "Hi! Welcome…" },\n')
      expect(JSON.parse(updated).turns).toHaveLength(JSON.parse(original).turns.length)
      expect((await run(['test', dir])).code).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
  it('exits 2 for a flow without transcripts', async () => {
    expect((await run(['test', `${fixtures}/chat/lookup.flow.json`])).code).toBe(2)
  })
})

describe('switchboard chat', () => {
  let server: Server
  let base = ''
  const seen: string[] = []
  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.authorization}`)
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify({ eta: 'on Friday' }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('shows WhatsApp buttons and answers a tap typed as its label', async () => {
    const ran = await run(['chat', `${fixtures}/shop.flow.json`], { input: 'hi\nFAQ\n' })
    expect(ran.code).toBe(0)
    expect(ran.stdout).toBe(
      ['bot: Hi! Welcome to the shop.', 'bot: What can we do for you?', '     [Track your order] [FAQ] [Nothing, thanks]', 'bot: We ship everywhere in 3 days.', 'bot: Thanks, bye!', '(conversation ended: completed)', ''].join('\n'),
    )
  })
  it('reads "press 1 for" on voice, takes digits, /silence and /wait, in the chosen language', async () => {
    const ran = await run(['chat', `${fixtures}/shop.flow.json`, '--channel', 'voice', '--lang', 'it'], { input: '/silence\n/wait PT1M\n2\n' })
    expect(ran.code).toBe(0)
    expect(ran.stdout.match(/Premi 1 per Traccia l'ordine/g)).toHaveLength(2)
    expect(ran.stdout).toContain('bot: Spediamo ovunque in 3 giorni.')
  })
  it('makes HTTP calls for real, with secrets from the environment', async () => {
    const ran = await run(['chat', `${fixtures}/chat/lookup.flow.json`], { input: 'hi\n42\n', env: { SHOP_API: base, SHOP_TOKEN: 's3cret' } })
    expect(ran.code).toBe(0)
    expect(seen).toContain('GET /orders/42 Bearer s3cret')
    expect(ran.stdout).toContain('bot: Order 42 arrives on Friday.')
  })
  it('takes the error path when the service does not answer', async () => {
    const ran = await run(['chat', `${fixtures}/chat/lookup.flow.json`], { input: 'hi\n7\n', env: { SHOP_API: 'http://127.0.0.1:9', SHOP_TOKEN: 'x' } })
    expect(ran.code).toBe(0)
    expect(ran.stdout).toContain('bot: Sorry, the shop is not answering.')
  })
  it('refuses a broken flow with its problems and exit 1', async () => {
    const ran = await run(['chat', `${fixtures}/broken/missing-node.flow.json`])
    expect(ran.code).toBe(1)
    expect(ran.stderr).toContain('/nodes/0/exits/next')
  })
})
