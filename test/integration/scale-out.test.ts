/**
 * Scale-out: two runtimes sharing one real redis-server (127.0.0.1, its own port and folder), as two
 * machines behind a load balancer would. A WhatsApp conversation whose messages alternate between the
 * runtimes (one at a time, then all at once) is answered once per message with one consistent session
 * and transcript; a hand-off's SLA alert timer that both runtimes hold fires once (one alert webhook);
 * a web chat customer connected to one runtime gets what the other produces (a timer's message, an
 * agent's reply through its desk API) over Redis pub/sub.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { conversation, deskClient, escalationPolicy, openChat } from './desk-fixture.ts'
import { graphText } from './fixtures/greeter.ts'
import { messagesEnvelope, postWhatsApp, settle, startRecorder, startRedisServer, startTestRuntime, textMessage, waitUntil, type RecordedRequest, type RedisServer, type TestRuntime } from './helpers/index.ts'

const SECRET = 'scale-app-secret'
const PHONE_ID = '106540352242922'
const WA_ID = '16505551234'
const KEY = `whatsapp:${PHONE_ID}:${WA_ID}`
const graphOk = (_: RecordedRequest, i: number) => ({ body: { messaging_product: 'whatsapp', contacts: [{ input: WA_ID, wa_id: WA_ID }], messages: [{ id: `wamid.out.${i}` }] } })

/** Every message is answered: "You said …", then the question again. */
const echo = {
  id: 'echo',
  name: 'Echo',
  version: 1,
  channels: ['whatsapp'],
  languages: ['en'],
  defaultLanguage: 'en',
  variables: { said: { type: 'string' } },
  start: 'ask',
  nodes: [
    { id: 'ask', type: 'input', text: 'Say something', kind: 'text', saveAs: 'said', retries: 0, timeout: 'P1D', exits: { ok: 'echoed', invalid: 'ask', timeout: 'ask' } },
    { id: 'echoed', type: 'message', text: 'You said {{said}}', exits: { next: 'ask' } },
  ],
}

let redis: RedisServer
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  await redis?.stop()
})

let open: { close(): Promise<void> | void }[] = []
afterEach(async () => {
  for (const thing of open.reverse()) await thing.close()
  open = []
})

let prefixes = 0
/** Two runtimes on one Redis (a fresh key prefix per test). */
async function twoRuntimes(options: { flows: object[]; env?: Record<string, string>; clock?: () => number }): Promise<{ a: TestRuntime; b: () => Promise<TestRuntime> }> {
  const store = redis.url(`scale${++prefixes}:`) as `redis://${string}`
  const start = async () => {
    const runtime = await startTestRuntime({ flows: options.flows, store, clock: options.clock, env: { SWITCHBOARD_HTTP_ALLOW: '127.0.0.1', ...options.env } })
    open.push(runtime)
    return runtime
  }
  return { a: await start(), b: start }
}

describe('two runtimes on one Redis', () => {
  it('answers every message of a WhatsApp conversation alternating between them once, with one session and transcript', async () => {
    const graph = await startRecorder(graphOk)
    open.push(graph)
    const env = { WHATSAPP_APP_SECRET: SECRET, WHATSAPP_ACCESS_TOKEN: 'graph-token', WHATSAPP_API_URL: `${graph.url}/v21.0` }
    const { a, b: startB } = await twoRuntimes({ flows: [echo], env })
    const b = await startB()
    let n = 0
    const post = async (runtime: TestRuntime, text: string) => {
      const res = await postWhatsApp(runtime.url, messagesEnvelope([textMessage(`wamid.in.${++n}`, text, Date.now())]), SECRET)
      expect(res.status).toBe(200)
    }

    await post(a, 'hi')
    await graph.waitForRequests(1)
    // one at a time, alternating
    const oneByOne = ['one', 'two', 'three', 'four']
    for (const [i, word] of oneByOne.entries()) {
      await post(i % 2 ? a : b, word)
      await graph.waitForRequests(1 + 2 * (i + 1))
    }
    // all at once, alternating: both runtimes advance the same conversation concurrently
    const together = ['five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve']
    await Promise.all(together.map((word, i) => post(i % 2 ? a : b, word)))
    const words = [...oneByOne, ...together]
    await graph.waitForRequests(1 + 2 * words.length)
    await waitUntil(async () => (await a.store.pendingInbound()).length === 0 && (await a.store.pendingOutbound()).length === 0, 'nothing pending in Redis')
    await settle()

    // every message answered exactly once (sends are at least once only across a crash)
    const texts = graph.requests.map((r) => graphText(r.json))
    expect(texts).toHaveLength(1 + 2 * words.length)
    for (const word of words) expect(texts.filter((t) => t === `You said ${word}`)).toHaveLength(1)
    expect(texts.filter((t) => t === 'Say something')).toHaveLength(1 + words.length)

    // one transcript, in a valid order: each message heard once and answered right after it
    const transcript = (await b.store.transcript(KEY)).map((e) => `${e.from}: ${e.text}`)
    const heard = transcript.filter((l) => l.startsWith('customer: ')).map((l) => l.slice('customer: '.length))
    expect(heard.slice(0, 5)).toEqual(['hi', ...oneByOne])
    expect([...heard.slice(5)].sort()).toEqual([...together].sort())
    expect(transcript).toEqual(['customer: hi', 'bot: Say something', ...heard.slice(1).flatMap((w) => [`customer: ${w}`, `bot: You said ${w}`, 'bot: Say something'])])
    const session = await a.store.getSession(KEY)
    expect(session).toMatchObject({ seq: 1 + words.length, node: 'ask', vars: { said: heard.at(-1) } })
    // the contact's last inbound time was written with the commits
    expect((await a.store.getContact('whatsapp', WA_ID))?.lastInboundAt).toBeGreaterThan(0)
  })

  it('fires a hand-off SLA alert both runtimes hold once; web chat frames produced on one reach the socket held by the other', async () => {
    let now = Date.UTC(2026, 2, 2, 9, 0, 0)
    const clock = () => now
    const hooks = await startRecorder({ status: 200, body: {} })
    open.push(hooks)
    const { a, b: startB } = await twoRuntimes({ flows: [escalationPolicy(hooks.url)], clock, env: { SWITCHBOARD_HANDOFF_WEBHOOK: `${hooks.url}/handoff` } })
    // the customer's socket is on A
    const chat = await openChat(a.url)
    open.push({ close: () => chat.customer.close() })
    chat.customer.send({ type: 'message', text: 'talk to a person' })
    expect(await chat.customer.turn()).toEqual(['Connecting you to a colleague…'])
    await hooks.waitForRequests(1)
    // B starts now: its recover() arms the SLA timers stored by A, which A holds too
    const b = await startB()
    expect((await b.store.timers()).length).toBeGreaterThan(0)
    expect((await deskClient(b.url)('/conversations')).body.conversations.map((c: { id: string }) => c.id)).toEqual([chat.key])

    now += 121_000
    await Promise.all([a.host.tick(), b.host.tick()])
    await a.host.idle()
    await b.host.idle()
    await hooks.waitForRequests(3)
    await settle()
    const sla = hooks.requests.filter((r) => r.path === '/sla')
    expect(sla.map((r) => (r.json as { waitedSeconds: number }).waitedSeconds)).toEqual([120])
    const generic = hooks.requests.filter((r) => r.path === '/handoff').map((r) => (r.json as { event: string }).event)
    expect(generic).toEqual(['handoff', 'sla-alert'])
    expect((await deskClient(a.url)('/conversations')).body.conversations[0].sla.state).toBe('alerted')

    // the "waited 3 minutes" rule, fired on B only: its message reaches the customer's socket on A through Redis pub/sub
    now += 60_000
    await b.host.tick()
    await b.host.idle()
    expect(await chat.customer.messages(1)).toEqual(["Thanks for waiting. You're next in line, and a colleague will be with you shortly."])

    // an agent on B's desk claims and answers: the customer on A reads it
    const desk = deskClient(b.url)
    expect((await desk(conversation(chat.key) + '/claim', { body: { agent: 'ada' } })).status).toBe(200)
    expect((await deskClient(a.url)(conversation(chat.key) + '/claim', { body: { agent: 'bob' } })).status).toBe(409)
    expect((await desk(conversation(chat.key) + '/messages', { body: { text: 'Hi, Ada here.', agent: 'ada' } })).status).toBe(200)
    expect(await chat.customer.next('message')).toMatchObject({ text: 'Hi, Ada here.', from: 'agent' })
    // a note written on A is kept by a later turn on B
    expect((await deskClient(a.url)(conversation(chat.key) + '/notes', { body: { text: 'VIP', agent: 'ada' } })).status).toBe(200)
    chat.customer.send({ type: 'message', text: 'thanks' })
    await waitUntil(async () => (await b.store.transcript(chat.key)).some((l) => l.text === 'thanks'), 'the customer line')
    expect((await b.store.getQueueEntry(chat.key))?.notes.map((n) => n.text)).toEqual(['VIP'])
    await settle()
    // nothing arrived twice
    expect(chat.customer.unread('message')).toEqual([])
    expect(hooks.requests.filter((r) => r.path === '/sla')).toHaveLength(1)
  })

  it('a deploy through one runtime reaches the other at once: its next new conversation starts on the new version', async () => {
    const graph = await startRecorder(graphOk)
    open.push(graph)
    const env = { WHATSAPP_APP_SECRET: SECRET, WHATSAPP_ACCESS_TOKEN: 't', WHATSAPP_API_URL: graph.url }
    const { a, b: startB } = await twoRuntimes({ flows: [echo], env })
    const b = await startB()
    const v2 = { ...echo, nodes: echo.nodes.map((n) => (n.id === 'ask' ? { ...n, text: 'Tell me something (v2)' } : n)) }
    const deployed = await fetch(`${a.url}/api/flows`, { method: 'POST', headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' }, body: JSON.stringify(v2) })
    expect(deployed.status).toBe(201)
    // B heard the announcement and reloaded: a new customer writing to B gets version 2
    await waitUntil(async () => (await (await fetch(`${b.url}/api/flows`, { headers: { authorization: 'Bearer test-token' } })).json()).some((f: { version: number }) => f.version === 2), 'B lists version 2')
    expect((await postWhatsApp(b.url, messagesEnvelope([textMessage('wamid.deploy.1', 'hi', Date.now())]), SECRET)).status).toBe(200)
    await graph.waitForRequests(1)
    expect(graphText(graph.requests[0].json)).toBe('Tell me something (v2)')
  })
})
