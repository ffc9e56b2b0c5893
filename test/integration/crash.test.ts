/**
 * kill -9 on SQLite: `switchboard serve` as a real process, Meta's Graph API played by a recording
 * fake, the process killed with SIGKILL between customer messages (and in worse places), restarted
 * on the same database file. A conversation must go on exactly as an unbroken one does.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { greeter, graphText } from './fixtures/greeter.ts'
import { root, spawnServe, childEnv, type ServeProcess } from './fixtures/serve-process.ts'
import { buttonReply, messagesEnvelope, postWhatsApp, settle, startRecorder, textMessage, waitUntil, type Recorder, type RecordedRequest, type ScriptedResponse } from './helpers/index.ts'

const SECRET = 'crash-app-secret'
const PHONE_ID = '106540352242922'
const WA_ID = '16505551234'
const orderBot = JSON.parse(readFileSync(new URL('./fixtures/whatsapp-order-bot.flow.json', import.meta.url), 'utf8'))

let cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const step of cleanup.reverse()) await step()
  cleanup = []
})

const graphOk = (_: RecordedRequest, i: number): ScriptedResponse => ({ body: { messaging_product: 'whatsapp', messages: [{ id: `wamid.out.${i}` }] } })

/** A temp folder with flows/ and the database path; a fake Graph API; a way to (re)start `serve` on them. */
async function world(flows: object[], responder: (r: RecordedRequest, i: number) => ScriptedResponse | Promise<ScriptedResponse> = graphOk) {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-crash-'))
  mkdirSync(join(dir, 'flows'))
  for (const flow of flows) writeFileSync(join(dir, 'flows', `${(flow as { id: string }).id}.flow.json`), JSON.stringify(flow, null, 2))
  const db = join(dir, 'sb.db')
  const graph = await startRecorder(responder)
  const running: ServeProcess[] = []
  cleanup.push(async () => {
    for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill9()
    await graph.close()
    rmSync(dir, { recursive: true, force: true })
  })
  const env = { SWITCHBOARD_TOKEN: 'crash-token', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_ACCESS_TOKEN: 'graph-token', WHATSAPP_API_URL: `${graph.url}/v21.0` }
  async function start() {
    const serve = await spawnServe(['--flows', join(dir, 'flows'), '--store', `sqlite:${db}`], env)
    running.push(serve)
    return serve
  }
  let n = 0
  async function post(serve: ServeProcess, message: (id: string) => object) {
    const res = await postWhatsApp(serve.url, messagesEnvelope([message(`wamid.in.${++n}`)]), SECRET)
    expect(res.status).toBe(200)
  }
  /** Reads the database beside the running process (WAL lets readers in). */
  function peek<T>(read: (db: Database.Database) => T): T {
    const handle = new Database(db, { readonly: true, fileMustExist: true })
    try {
      return read(handle)
    } finally {
      handle.close()
    }
  }
  /** Every accepted message processed and every reply marked sent: a quiet point between two customer messages. */
  async function quiet() {
    await waitUntil(
      () => peek((d) => (d.prepare("SELECT (SELECT count(*) FROM inbound WHERE processed = 0) + (SELECT count(*) FROM outbound WHERE status = 'pending') AS n").get() as { n: number }).n === 0),
      'nothing pending in the database',
    )
  }
  return { dir, db, graph, start, post, peek, quiet }
}

const bodies = (graph: Recorder) => graph.requests.map((r) => r.json)

/** The conversation: hi → greeting + menu; Track → order number question; 42 → the answer. */
const script: { message: (id: string) => object; replies: number }[] = [
  { message: (id) => textMessage(id, 'hi', Date.now()), replies: 2 },
  { message: (id) => buttonReply(id, 'track', 'Track your order', Date.now()), replies: 1 },
  { message: (id) => textMessage(id, '42', Date.now()), replies: 1 },
]

describe('kill -9 on SQLite', () => {
  it('a conversation killed between every two customer messages goes on exactly as an unbroken one', async () => {
    // the unbroken run
    const unbroken = await world([orderBot])
    const once = await unbroken.start()
    let expected = 0
    for (const step of script) {
      await unbroken.post(once, step.message)
      await unbroken.graph.waitForRequests((expected += step.replies))
    }
    await unbroken.quiet()
    await settle()
    const reference = bodies(unbroken.graph)
    expect(reference.map(graphText)).toEqual(['Hi Kerry Fisher!', 'What can we do for you?', "What's your order number?", 'Thanks! We are looking up order 42.'])

    // the same messages, with kill -9 and a restart on the same file before each one after the first
    const broken = await world([orderBot])
    let serve = await broken.start()
    let got = 0
    for (const [i, step] of script.entries()) {
      if (i > 0) {
        await serve.kill9()
        await expect(serve.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' })
        serve = await broken.start()
      }
      await broken.post(serve, step.message)
      await broken.graph.waitForRequests((got += step.replies))
      await broken.quiet()
    }
    await settle()
    expect(bodies(broken.graph)).toEqual(reference)
    for (const r of broken.graph.requests) {
      expect(r.path).toBe(`/v21.0/${PHONE_ID}/messages`)
      expect(r.headers.authorization).toBe('Bearer graph-token')
    }
    const key = `whatsapp:${PHONE_ID}:${WA_ID}`
    const session = (w: typeof broken) => w.peek((d) => JSON.parse((d.prepare('SELECT session FROM sessions WHERE key = ?').get(key) as { session: string }).session))
    const [a, b] = [session(unbroken), session(broken)]
    expect(b.status).toBe('ended')
    expect(b.vars).toEqual(a.vars)
    expect(b.vars.order).toBe(42)
    const transcript = (w: typeof broken) => w.peek((d) => d.prepare('SELECT sender, text, node FROM transcript WHERE key = ? ORDER BY seq').all(key))
    expect(transcript(broken)).toEqual(transcript(unbroken))
  })

  it('sends after a restart the reply that was on its way when the process died', async () => {
    // the first run's Graph API never answers: the greeting is in flight when the process is killed
    let answering = false
    const hung: Promise<ScriptedResponse> = new Promise(() => {})
    const w = await world([orderBot], (r, i) => (answering ? graphOk(r, i) : hung))
    const first = await w.start()
    await w.post(first, script[0].message)
    await w.graph.waitForRequests(1)
    expect(w.peek((d) => d.prepare("SELECT count(*) AS n FROM outbound WHERE status = 'pending'").get())).toEqual({ n: 2 })
    await first.kill9()
    answering = true
    const second = await w.start()
    await w.graph.waitForRequests(3)
    await w.quiet()
    await settle()
    // at least once: the greeting the dead process had sent (unanswered) goes again, then the menu, in order
    expect(bodies(w.graph).map(graphText)).toEqual(['Hi Kerry Fisher!', 'Hi Kerry Fisher!', 'What can we do for you?'])
    // and the conversation carries on
    await w.post(second, script[1].message)
    await w.graph.waitForRequests(4)
    expect(graphText(w.graph.requests[3].json)).toBe("What's your order number?")
  })

  it('answers after a restart a message that was accepted (200) but never processed', async () => {
    const w = await world([orderBot])
    // the webhook accepts (persists) before its 200 and processes after; a child stops right between the two
    const serve = await w.start()
    await serve.kill9()
    const input = {
      ref: { channel: 'whatsapp', address: PHONE_ID, contact: WA_ID },
      event: { type: 'message-received', at: Date.now(), text: 'hi', messageId: 'wamid.in.accepted' },
      inboundId: 'wamid.in.accepted',
      contact: { name: 'Kerry Fisher', phone: `+${WA_ID}` },
    }
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/fixtures/accept-then-hang.ts', w.db, JSON.stringify(input)], { cwd: root, env: childEnv({}), stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (err += c))
    const closed = new Promise((resolve) => child.on('close', resolve))
    await waitUntil(() => out.includes('\n') || child.exitCode !== null, 'the child to accept the message')
    expect(out, err).toBe('accepted\n')
    child.kill('SIGKILL')
    await closed
    expect(w.peek((d) => d.prepare('SELECT id FROM inbound WHERE processed = 0').all())).toEqual([{ id: 'wamid.in.accepted' }])
    await settle()
    expect(w.graph.requests).toHaveLength(0)

    const restarted = await w.start()
    await w.graph.waitForRequests(2)
    await w.quiet()
    // the same answer as if it had never died, the customer's name (from the webhook's contacts) included
    expect(bodies(w.graph).map(graphText)).toEqual(['Hi Kerry Fisher!', 'What can we do for you?'])
    const key = `whatsapp:${PHONE_ID}:${WA_ID}`
    const session = w.peek((d) => JSON.parse((d.prepare('SELECT session FROM sessions WHERE key = ?').get(key) as { session: string }).session))
    expect(session.contact).toMatchObject({ name: 'Kerry Fisher', phone: `+${WA_ID}` })
    // Meta redelivering that message later gets its 200 and no second answer
    const redelivered = await postWhatsApp(restarted.url, messagesEnvelope([textMessage('wamid.in.accepted', 'hi', Date.now())]), SECRET)
    expect(redelivered.status).toBe(200)
    expect(await redelivered.json()).toMatchObject({ received: 0, duplicates: 1 })
    await settle()
    expect(w.graph.requests).toHaveLength(2)
  })

  it('fires a durable input time-out after a restart', async () => {
    const w = await world([greeter('v1', { timeout: 'PT4S' })])
    const first = await w.start()
    await w.post(first, (id) => textMessage(id, 'hi', Date.now()))
    await w.graph.waitForRequests(2)
    await w.quiet()
    await first.kill9()
    // the time-out was still pending when the process died: firing it would have removed it in the same commit
    const timers = w.peek((d) => d.prepare('SELECT key, timer, at FROM timers').all()) as { key: string; at: number }[]
    expect(timers).toHaveLength(1)
    expect(timers[0].key).toBe(`whatsapp:${PHONE_ID}:${WA_ID}`)
    expect(bodies(w.graph).map(graphText)).toEqual(['Hello from v1', 'Your name? (v1)'])

    await w.start()
    await waitUntil(() => w.graph.requests.length >= 3, 'the time-out message after the restart', 6000)
    await w.quiet()
    await settle()
    expect(bodies(w.graph).map(graphText)).toEqual(['Hello from v1', 'Your name? (v1)', 'Still there? (v1)'])
    expect(w.peek((d) => d.prepare('SELECT count(*) AS n FROM timers').get())).toEqual({ n: 0 })
    expect(w.peek((d) => (d.prepare('SELECT status FROM sessions').get() as { status: string }).status)).toBe('ended')
  })
})
