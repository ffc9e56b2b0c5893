/**
 * kill -9 on Redis: `switchboard serve --store redis://…` as real processes on one real redis-server
 * (append-only file, fsync always), Meta's Graph API played by a recording fake. A runtime killed with
 * SIGKILL mid-conversation loses nothing it accepted: restarted, or with a second runtime on the same
 * Redis taking the next messages, the conversation goes on exactly as an unbroken one.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { connectRedisStore } from '../../runtime/host/stores/redis.ts'
import type { Store } from '../../runtime/host/store.ts'
import { graphText, greeter } from './fixtures/greeter.ts'
import { spawnServe, type ServeProcess } from './fixtures/serve-process.ts'
import { buttonReply, messagesEnvelope, postWhatsApp, settle, startRecorder, startRedisServer, textMessage, waitUntil, type RecordedRequest, type RedisServer, type ScriptedResponse } from './helpers/index.ts'

const SECRET = 'crash-app-secret'
const PHONE_ID = '106540352242922'
const WA_ID = '16505551234'
const KEY = `whatsapp:${PHONE_ID}:${WA_ID}`
const orderBot = JSON.parse(readFileSync(new URL('./fixtures/whatsapp-order-bot.flow.json', import.meta.url), 'utf8'))
const graphOk = (_: RecordedRequest, i: number): ScriptedResponse => ({ body: { messaging_product: 'whatsapp', messages: [{ id: `wamid.out.${i}` }] } })

/** The conversation: hi → greeting + menu; Track → order number question; 42 → the answer. */
const script: { message: (id: string) => object; replies: number }[] = [
  { message: (id) => textMessage(id, 'hi', Date.now()), replies: 2 },
  { message: (id) => buttonReply(id, 'track', 'Track your order', Date.now()), replies: 1 },
  { message: (id) => textMessage(id, '42', Date.now()), replies: 1 },
]
const reference = ['Hi Kerry Fisher!', 'What can we do for you?', "What's your order number?", 'Thanks! We are looking up order 42.']

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  await redis?.stop()
})

let cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const step of cleanup.reverse()) await step()
  cleanup = []
})

let worlds = 0
/** A flows folder, a fake Graph API, a key prefix on the shared redis-server; a way to (re)start `serve` on them. */
async function world(responder: (r: RecordedRequest, i: number) => ScriptedResponse | Promise<ScriptedResponse> = graphOk) {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-crash-redis-'))
  mkdirSync(join(dir, 'flows'))
  writeFileSync(join(dir, 'flows', 'order-bot.flow.json'), JSON.stringify(orderBot, null, 2))
  const graph = await startRecorder(responder)
  const url = redis.url(`crash${++worlds}:`)
  const reader: Store = await connectRedisStore(url)
  const running: ServeProcess[] = []
  cleanup.push(async () => {
    for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill9()
    await reader.close()
    await graph.close()
    rmSync(dir, { recursive: true, force: true })
  })
  const env = { SWITCHBOARD_TOKEN: 'crash-token', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_ACCESS_TOKEN: 'graph-token', WHATSAPP_API_URL: `${graph.url}/v21.0` }
  async function start() {
    const serve = await spawnServe(['--flows', join(dir, 'flows'), '--store', url], env)
    running.push(serve)
    return serve
  }
  let n = 0
  async function post(serve: ServeProcess, message: (id: string) => object) {
    const res = await postWhatsApp(serve.url, messagesEnvelope([message(`wamid.in.${++n}`)]), SECRET)
    expect(res.status).toBe(200)
  }
  /** Every accepted message processed and every reply marked sent (read from Redis beside the processes). */
  async function quiet() {
    await waitUntil(async () => (await reader.pendingInbound()).length === 0 && (await reader.pendingOutbound()).length === 0, 'nothing pending in Redis')
  }
  return { graph, reader, start, post, quiet }
}

const texts = (w: Awaited<ReturnType<typeof world>>) => w.graph.requests.map((r) => graphText(r.json))

describe('kill -9 on Redis', () => {
  it('a conversation killed between every two customer messages goes on exactly as an unbroken one', async () => {
    const w = await world()
    let serve = await w.start()
    let got = 0
    for (const [i, step] of script.entries()) {
      if (i > 0) {
        await serve.kill9()
        await expect(serve.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' })
        serve = await w.start()
      }
      await w.post(serve, step.message)
      await w.graph.waitForRequests((got += step.replies))
      await w.quiet()
    }
    await settle()
    expect(texts(w)).toEqual(reference)
    const session = await w.reader.getSession(KEY)
    expect(session).toMatchObject({ status: 'ended', vars: { order: 42 } })
    expect((await w.reader.transcript(KEY)).map((l) => `${l.from}: ${l.text}`)).toEqual([
      'customer: hi', 'bot: Hi Kerry Fisher!', 'bot: What can we do for you?', 'customer: Track your order', "bot: What's your order number?", 'customer: 42', 'bot: Thanks! We are looking up order 42.',
    ])
  })

  it('a second runtime on the same Redis carries on the conversation of one killed mid-way; the killed one, restarted, sends nothing twice', async () => {
    const w = await world()
    const a = await w.start()
    const b = await w.start()
    await w.post(a, script[0].message)
    await w.graph.waitForRequests(2)
    await w.quiet()
    await a.kill9()
    // the load balancer sends the customer's next messages to B
    await w.post(b, script[1].message)
    await w.graph.waitForRequests(3)
    await w.post(b, script[2].message)
    await w.graph.waitForRequests(4)
    await w.quiet()
    expect(texts(w)).toEqual(reference)
    // A comes back: its recover() finds nothing pending, so nothing is sent again
    await w.start()
    await settle()
    await w.quiet()
    expect(texts(w)).toEqual(reference)
    expect(await w.reader.getSession(KEY)).toMatchObject({ status: 'ended', vars: { order: 42 } })
  })

  it('sends after a restart the reply that was on its way when the process died', async () => {
    // the first run's Graph API never answers: the greeting is in flight when the process is killed
    let answering = false
    const hung: Promise<ScriptedResponse> = new Promise(() => {})
    const w = await world((r, i) => (answering ? graphOk(r, i) : hung))
    const first = await w.start()
    await w.post(first, script[0].message)
    await w.graph.waitForRequests(1)
    expect((await w.reader.pendingOutbound()).length).toBe(2)
    expect(await w.reader.pendingInbound()).toEqual([])
    await first.kill9()
    answering = true
    const second = await w.start()
    await w.graph.waitForRequests(3)
    await w.quiet()
    await settle()
    // at least once: the greeting the dead process had sent (unanswered) goes again, then the menu, in order
    expect(texts(w)).toEqual(['Hi Kerry Fisher!', 'Hi Kerry Fisher!', 'What can we do for you?'])
    await w.post(second, script[1].message)
    await w.graph.waitForRequests(4)
    expect(graphText(w.graph.requests[3].json)).toBe("What's your order number?")
  })

  it('fires a durable input time-out after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-crash-redis-'))
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
    mkdirSync(join(dir, 'flows'))
    writeFileSync(join(dir, 'flows', 'greeter.flow.json'), JSON.stringify(greeter('v1', { timeout: 'PT3S' })))
    const graph = await startRecorder(graphOk)
    const url = redis.url(`crash${++worlds}:`)
    const reader = await connectRedisStore(url)
    const env = { SWITCHBOARD_TOKEN: 'crash-token', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_ACCESS_TOKEN: 'graph-token', WHATSAPP_API_URL: `${graph.url}/v21.0` }
    const running: ServeProcess[] = []
    cleanup.push(async () => {
      for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill9()
      await reader.close()
      await graph.close()
    })
    const first = await spawnServe(['--flows', join(dir, 'flows'), '--store', url], env)
    running.push(first)
    await postWhatsApp(first.url, messagesEnvelope([textMessage('wamid.in.t1', 'hi', Date.now())]), SECRET)
    await graph.waitForRequests(2)
    await waitUntil(async () => (await reader.pendingOutbound()).length === 0, 'the replies marked sent')
    await first.kill9()
    // the time-out was still pending when the process died
    expect((await reader.timers()).map((t) => t.key)).toEqual([KEY])
    running.push(await spawnServe(['--flows', join(dir, 'flows'), '--store', url], env))
    await waitUntil(() => graph.requests.length >= 3, 'the time-out message after the restart', 6000)
    await waitUntil(async () => (await reader.pendingOutbound()).length === 0, 'the time-out message marked sent')
    await settle()
    expect(graph.requests.map((r) => graphText(r.json))).toEqual(['Hello from v1', 'Your name? (v1)', 'Still there? (v1)'])
    expect(await reader.timers()).toEqual([])
    expect((await reader.getSession(KEY))?.status).toBe('ended')
  })
})
