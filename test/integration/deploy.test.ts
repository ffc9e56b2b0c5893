/**
 * Deploys: the /api/flows API (token, validation, versions, rollback), hot reload of the flows
 * folder, and `switchboard deploy` as a process. Which version answers is read from what customers
 * get: every text of the greeter fixture names its version ("Hello from v2").
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { greeter, graphText } from './fixtures/greeter.ts'
import { messagesEnvelope, postWhatsApp, startRecorder, startTestRuntime, textMessage, waitUntil, type Recorder, type TestRuntime } from './helpers/index.ts'

const SECRET = 'deploy-app-secret'
const TOKEN = 'test-token'
const root = new URL('../..', import.meta.url).pathname

let open: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const thing of open.reverse()) await thing.close()
  open = []
})

async function setup(flows: object[] = [greeter('v1')]) {
  const graph = await startRecorder((_, i) => ({ body: { messages: [{ id: `wamid.out.${i}` }] } }))
  const runtime = await startTestRuntime({
    flows,
    env: { WHATSAPP_APP_SECRET: SECRET, WHATSAPP_ACCESS_TOKEN: 'graph-token', WHATSAPP_API_URL: graph.url },
  })
  open.push(graph, runtime)
  return { graph, runtime, ...customers(runtime, graph) }
}

/** Customers on WhatsApp: `say` posts a signed message and waits for `expect` replies to that customer. */
function customers(runtime: TestRuntime, graph: Recorder) {
  let n = 0
  const replies = (from: string) => graph.requests.filter((r) => (r.json as { to?: string }).to === from).map((r) => graphText(r.json))
  async function say(from: string, text: string, expectReplies: number) {
    const before = replies(from).length
    const res = await postWhatsApp(runtime.url, messagesEnvelope([textMessage(`wamid.${from}.${++n}`, text, Date.now(), from)], { waId: from }), SECRET)
    expect(res.status).toBe(200)
    await waitUntil(() => replies(from).length >= before + expectReplies, `${expectReplies} repl(ies) to ${from}`)
    await runtime.host.idle()
    return replies(from).slice(before)
  }
  return { say, replies }
}

const api = (runtime: TestRuntime, path: string, init: { method?: string; body?: unknown; token?: string | null; raw?: string } = {}) =>
  fetch(`${runtime.url}${path}`, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers: {
      'content-type': 'application/json',
      ...(init.token !== null && { authorization: `Bearer ${init.token ?? TOKEN}` }),
    },
    ...(init.raw !== undefined ? { body: init.raw } : init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  })

describe('POST /api/flows', () => {
  it('needs the bearer token: 401 without it or with a wrong one, and nothing is deployed', async () => {
    const { runtime } = await setup()
    for (const token of [null, 'wrong-token']) {
      const res = await api(runtime, '/api/flows', { body: greeter('v2'), token })
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toBe('Bearer')
      expect((await res.json()).error).toBe('unauthorized')
    }
    expect((await api(runtime, '/api/flows', { token: null })).status).toBe(401)
    expect((await api(runtime, '/api/flows/greeter/versions', { token: null })).status).toBe(401)
    expect((await api(runtime, '/api/flows/greeter/rollback', { body: {}, token: null })).status).toBe(401)
    expect(runtime.catalog.versions('greeter').map((v) => v.version)).toEqual([1])
    // the query-parameter form (for browser WebSockets) is accepted too
    expect((await fetch(`${runtime.url}/api/flows?token=${TOKEN}`)).status).toBe(200)
  })

  it('deploys a valid flow as a new version (201), and the same flow again as unchanged (200)', async () => {
    const { runtime, say } = await setup()
    const first = await api(runtime, '/api/flows', { body: greeter('v2') })
    expect(first.status).toBe(201)
    expect(await first.json()).toEqual({ id: 'greeter', version: 2, unchanged: false })
    const again = await api(runtime, '/api/flows', { body: { ...greeter('v2'), version: 7 } })
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ id: 'greeter', version: 2, unchanged: true })
    const list = await (await api(runtime, '/api/flows')).json()
    expect(list).toEqual([expect.objectContaining({ id: 'greeter', name: 'Greeter v2', version: 2, active: true, channels: ['whatsapp', 'webchat'] })])
    expect(await say('15550000001', 'hi', 2)).toEqual(['Hello from v2', 'Your name? (v2)'])
  })

  it('refuses an invalid flow whole with its problems listed, and the old version keeps answering', async () => {
    const { runtime, say } = await setup()
    const missingExit = greeter('v2')
    missingExit.nodes[0].exits = { next: 'nowhere' }
    const res = await api(runtime, '/api/flows', { body: missingExit })
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body).toMatchObject({ error: 'invalid-flow', message: expect.stringMatching(/refused whole/) })
    expect(body.problems).toContainEqual(expect.objectContaining({ pointer: '/nodes/0/exits/next', severity: 'error', message: expect.stringContaining('nowhere') }))

    const unknownType = greeter('v2') as { nodes: object[] }
    unknownType.nodes.push({ id: 'x', type: 'teleport', exits: {} })
    const unknown = await api(runtime, '/api/flows', { body: unknownType })
    expect(unknown.status).toBe(422)
    const unknownBody = await unknown.json()
    expect(unknownBody.problems).toHaveLength(1)
    expect(unknownBody.problems[0]).toMatchObject({ pointer: '/nodes/4', message: expect.stringMatching(/Unknown node type 'teleport'/) })

    const malformed = await api(runtime, '/api/flows', { raw: '{"id": "greeter", "nodes": [' })
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ message: 'The body is not valid JSON.' })

    const notAFlow = await api(runtime, '/api/flows', { raw: '[1, 2, 3]' })
    expect(notAFlow.status).toBe(422)
    expect((await notAFlow.json()).problems.length).toBeGreaterThan(0)

    expect(runtime.catalog.versions('greeter').map((v) => v.version)).toEqual([1])
    expect((await (await api(runtime, '/api/flows/greeter')).json()).name).toBe('Greeter v1')
    expect(await say('15550000002', 'hi', 2)).toEqual(['Hello from v1', 'Your name? (v1)'])
    expect(await say('15550000002', 'Ada', 1)).toEqual(['Bye Ada (v1)'])
  })

  it('keeps a conversation on the version it started on while new conversations get the new one', async () => {
    const { runtime, say } = await setup()
    const early = '15550000003'
    const late = '15550000004'
    expect(await say(early, 'hi', 2)).toEqual(['Hello from v1', 'Your name? (v1)'])
    expect((await api(runtime, '/api/flows', { body: greeter('v2') })).status).toBe(201)
    expect(await say(late, 'hi', 2)).toEqual(['Hello from v2', 'Your name? (v2)'])
    expect(await say(early, 'Ada', 1)).toEqual(['Bye Ada (v1)'])
    expect(await say(late, 'Bob', 1)).toEqual(['Bye Bob (v2)'])
    // the finished conversation starts again on the active version
    expect(await say(early, 'hi again', 2)).toEqual(['Hello from v2', 'Your name? (v2)'])
  })

  it('lists every version and rolls back: new conversations answer with v1 again', async () => {
    const { runtime, say } = await setup()
    expect((await api(runtime, '/api/flows', { body: greeter('v2') })).status).toBe(201)
    expect((await api(runtime, '/api/flows', { body: greeter('v3') })).status).toBe(201)
    const versions = await (await api(runtime, '/api/flows/greeter/versions')).json()
    expect(versions.map((v: { version: number; active: boolean; name: string }) => [v.version, v.active, v.name])).toEqual([
      [1, false, 'Greeter v1'],
      [2, false, 'Greeter v2'],
      [3, true, 'Greeter v3'],
    ])
    expect(versions[1].source).toMatch(/^api:/)
    expect(versions[0].source).toMatch(/greeter\.flow\.json$/)
    expect(new Date(versions[2].deployedAt).getTime()).toBeGreaterThan(0)
    const during = '15550000005'
    expect(await say(during, 'hi', 2)).toEqual(['Hello from v3', 'Your name? (v3)'])

    const rolled = await api(runtime, '/api/flows/greeter/rollback', { body: { version: 1 } })
    expect(rolled.status).toBe(200)
    expect(await rolled.json()).toEqual({ id: 'greeter', version: 1 })
    expect(await say('15550000006', 'hi', 2)).toEqual(['Hello from v1', 'Your name? (v1)'])
    expect(await say(during, 'Cy', 1)).toEqual(['Bye Cy (v3)'])
    expect((await (await fetch(`${runtime.url}/healthz`)).json()).flows).toEqual([{ id: 'greeter', version: 1 }])

    // without a version: the one before the active one; nothing before v1 → 404
    expect((await api(runtime, '/api/flows/greeter/rollback', { body: {} })).status).toBe(404)
    expect((await api(runtime, '/api/flows/greeter/rollback', { body: { version: 'two' } })).status).toBe(400)
    expect((await api(runtime, '/api/flows/greeter/rollback', { body: { version: 9 } })).status).toBe(404)
    expect((await api(runtime, '/api/flows/nope/rollback', { body: {} })).status).toBe(404)
    expect((await api(runtime, '/api/flows/nope/versions')).status).toBe(404)
    // redeploying v3's content after the rollback is a change from the active v1: a new version
    const redeploy = await api(runtime, '/api/flows', { body: greeter('v3') })
    expect(await redeploy.json()).toEqual({ id: 'greeter', version: 4, unchanged: false })
  })

  it('keeps every version and the rolled-back active version across a restart (SQLite)', async () => {
    const env = { WHATSAPP_APP_SECRET: SECRET }
    const first = await startTestRuntime({ env, store: 'sqlite' })
    const dir = first.dir
    open.push({ close: async () => rmSync(dir, { recursive: true, force: true }) })
    for (const tag of ['v1', 'v2', 'v3']) expect((await api(first, '/api/flows', { body: greeter(tag) })).status).toBe(201)
    expect((await api(first, '/api/flows/greeter/rollback', { body: { version: 2 } })).status).toBe(200)
    await first.close({ keepDir: true })
    const second = await startTestRuntime({ env, store: 'sqlite', dir })
    open.push(second)
    const versions = await (await api(second, '/api/flows/greeter/versions')).json()
    expect(versions.map((v: { version: number; name: string; active: boolean }) => `${v.version} ${v.name}${v.active ? ' (active)' : ''}`)).toEqual(['1 Greeter v1', '2 Greeter v2 (active)', '3 Greeter v3'])
    expect(second.catalog.active('greeter')?.name).toBe('Greeter v2')
  })
})

describe('hot reload of the flows folder', () => {
  it('deploys an edited file as a new version, refuses an invalid one with a log line, and the last good version keeps serving', async () => {
    const { runtime, say } = await setup()
    const file = join(runtime.dir, 'flows', 'greeter.flow.json')
    writeFileSync(file, JSON.stringify(greeter('v2'), null, 2))
    await waitUntil(() => runtime.catalog.active('greeter')?.version === 2, 'v2 deployed from the edited file', 4000)
    expect(runtime.logs.some((l) => l.level === 'info' && /deployed greeter v2 from .*greeter\.flow\.json/.test(l.msg))).toBe(true)
    expect(await say('15550000010', 'hi', 2)).toEqual(['Hello from v2', 'Your name? (v2)'])

    const broken = greeter('v3')
    broken.nodes[1].exits = { ok: 'missing-node' }
    writeFileSync(file, JSON.stringify(broken, null, 2))
    await waitUntil(() => runtime.logs.some((l) => l.level === 'error' && /^refused /.test(l.msg)), 'a "refused" log line', 4000)
    const refused = runtime.logs.find((l) => /^refused /.test(l.msg))!
    expect(refused.msg).toMatch(/refused .*greeter\.flow\.json: \/nodes\/1\/exits\/ok: \S+ .*missing-node.*the last good version keeps serving/)
    expect(refused.problems).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: '/nodes/1/exits/ok' })]))

    writeFileSync(file, '{ "id": "greeter", ')
    await waitUntil(() => runtime.logs.filter((l) => /^refused /.test(l.msg)).length >= 2, 'a second "refused" log line', 4000)
    expect(runtime.logs.filter((l) => /^refused /.test(l.msg))[1].msg).toMatch(/JSON/)

    expect(runtime.catalog.versions('greeter').map((v) => v.version)).toEqual([1, 2])
    expect(await say('15550000011', 'hi', 2)).toEqual(['Hello from v2', 'Your name? (v2)'])
    expect(await say('15550000010', 'Ada', 1)).toEqual(['Bye Ada (v2)'])

    // a new file in the folder is a new flow
    writeFileSync(join(runtime.dir, 'flows', 'other.flow.json'), JSON.stringify(greeter('other', { id: 'other' })))
    await waitUntil(() => runtime.catalog.active('other') !== undefined, 'a new flow from a new file', 4000)
    // files that are not *.flow.json are left alone
    writeFileSync(join(runtime.dir, 'flows', 'notes.json'), '{ not json')
    expect(runtime.logs.some((l) => /notes\.json/.test(l.msg))).toBe(false)
  })
})

describe('switchboard deploy', () => {
  function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const { SWITCHBOARD_TOKEN: _ignored, ...inherited } = process.env
      const child = spawn(process.execPath, ['bin/switchboard.js', ...args], { cwd: root, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk) => (stdout += chunk))
      child.stderr.on('data', (chunk) => (stderr += chunk))
      child.on('error', reject)
      child.on('close', (code) => resolve({ code, stdout, stderr }))
    })
  }

  it('deploys a file (exit 0), says when it is unchanged, and exits 1 for an invalid file, a bad token or no runtime', async () => {
    const { runtime, say } = await setup()
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-deploy-'))
    open.push({ close: async () => rmSync(dir, { recursive: true, force: true }) })
    const good = join(dir, 'greeter.flow.json')
    writeFileSync(good, JSON.stringify(greeter('v2'), null, 2))
    const bad = join(dir, 'broken.flow.json')
    const broken = greeter('v3')
    broken.nodes[0].exits = { next: 'nowhere' }
    writeFileSync(bad, JSON.stringify(broken, null, 2))

    const ok = await run(['deploy', good, '--to', runtime.url, '--token', TOKEN])
    expect(ok.stderr).toBe('')
    expect(ok.code).toBe(0)
    expect(ok.stdout).toBe(`deployed greeter v2 to ${runtime.url}\n`)
    expect(await say('15550000020', 'hi', 2)).toEqual(['Hello from v2', 'Your name? (v2)'])

    const unchanged = await run(['deploy', good, '--to', `${runtime.url}/`], { SWITCHBOARD_TOKEN: TOKEN })
    expect(unchanged.code).toBe(0)
    expect(unchanged.stdout).toBe('greeter v2 is already deployed (unchanged)\n')

    const refused = await run(['deploy', bad, '--to', runtime.url, '--token', TOKEN])
    expect(refused.code).toBe(1)
    expect(refused.stdout).toMatch(/broken\.flow\.json: \/nodes\/0\/exits\/next: \S+ .*nowhere/)
    expect(refused.stderr).toMatch(/not deployed: .*broken\.flow\.json has 1 error/)

    const wrongToken = await run(['deploy', good, '--to', runtime.url, '--token', 'nope'])
    expect(wrongToken.code).toBe(1)
    expect(wrongToken.stderr).toMatch(/refused by .* \(401\): Send Authorization: Bearer/)

    const noToken = await run(['deploy', good, '--to', runtime.url])
    expect(noToken.code).toBe(2)
    expect(noToken.stderr).toMatch(/no token/)

    // a runtime that is not there: one clear line, no stack trace
    const closed = await startRecorder()
    const gone = closed.url
    await closed.close()
    const unreachable = await run(['deploy', good, '--to', gone, '--token', TOKEN])
    expect(unreachable.code).toBe(1)
    expect(unreachable.stderr).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+: /)
    expect(unreachable.stderr).not.toMatch(/\n\s+at /)

    expect(runtime.catalog.versions('greeter').map((v) => v.version)).toEqual([1, 2])
    expect(await say('15550000021', 'hi', 2)).toEqual(['Hello from v2', 'Your name? (v2)'])
  })
})
