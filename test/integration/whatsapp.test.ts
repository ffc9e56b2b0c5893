/**
 * WhatsApp webhooks end to end: a real runtime on port 0, Meta's Graph API played by a recording
 * fake, webhook payloads in the shapes of Meta's documentation (docs/reference: channels.md §1–2).
 */
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createWhatsAppAdapter } from '../../runtime/server/whatsapp/adapter.ts'
import {
  buttonReply, captureLogs, listReply, messagesEnvelope, postWhatsApp, settle, startRecorder, startTestRuntime, status,
  statusesEnvelope, textMessage, waitUntil, type Recorder, type RecordedRequest, type TestRuntime, type TestRuntimeOptions,
} from './helpers/index.ts'

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}.flow.json`, import.meta.url), 'utf8')) as { id: string } & Record<string, unknown>
const orderBot = fixture('whatsapp-order-bot')
const shipped = fixture('whatsapp-shipped')

const SECRET = 'test-app-secret'
const PHONE_ID = '106540352242922'
const WA_ID = '16505551234'
const graphOk = (_: RecordedRequest, i: number) => ({ body: { messaging_product: 'whatsapp', contacts: [{ input: WA_ID, wa_id: WA_ID }], messages: [{ id: `wamid.out.${i}` }] } })

let open: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const thing of open.reverse()) await thing.close()
  open = []
})

async function setup(options: TestRuntimeOptions & { env?: Record<string, string> } = {}) {
  const graph = await startRecorder(graphOk)
  const runtime = await startTestRuntime({
    flows: [orderBot],
    ...options,
    env: {
      WHATSAPP_VERIFY_TOKEN: 'verify-me',
      WHATSAPP_APP_SECRET: SECRET,
      WHATSAPP_ACCESS_TOKEN: 'test-access-token',
      WHATSAPP_API_URL: `${graph.url}/v21.0`,
      ...options.env,
    },
  })
  open.push(graph, runtime)
  return { graph, runtime, post: (payload: unknown, signature?: string | null) => postWhatsApp(runtime.url, payload, SECRET, signature) }
}

const sent = (graph: Recorder) => graph.requests.map((r) => r.json as Record<string, any>)
const now = () => Date.now()

describe('GET /webhooks/whatsapp (verify handshake)', () => {
  it('echoes hub.challenge as text when the mode is subscribe and the token matches, else 403', async () => {
    const { runtime } = await setup()
    const ok = await fetch(`${runtime.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await ok.text()).toBe('1158201444')
    const wrong = await fetch(`${runtime.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`)
    expect(wrong.status).toBe(403)
    const mode = await fetch(`${runtime.url}/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token=verify-me&hub.challenge=1`)
    expect(mode.status).toBe(403)
  })
})

describe('POST /webhooks/whatsapp', () => {
  it('answers "hi" with a greeting and reply buttons, sent to the Graph API with the bearer token', async () => {
    const { graph, runtime, post } = await setup()
    const res = await post(messagesEnvelope([textMessage('wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFBM0MxMDA4', 'hi', now())]))
    expect(res.status).toBe(200)
    await graph.waitForRequests(2)
    for (const r of graph.requests) {
      expect(r.method).toBe('POST')
      expect(r.path).toBe(`/v21.0/${PHONE_ID}/messages`)
      expect(r.headers.authorization).toBe('Bearer test-access-token')
      expect(r.headers['content-type']).toMatch(/^application\/json/)
    }
    const [greeting, menu] = sent(graph)
    expect(greeting).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: WA_ID, type: 'text', text: { body: 'Hi Kerry Fisher!', preview_url: false } })
    expect(menu).toMatchObject({ messaging_product: 'whatsapp', recipient_type: 'individual', to: WA_ID, type: 'interactive' })
    expect(menu.interactive).toEqual({
      type: 'button',
      body: { text: 'What can we do for you?' },
      action: { buttons: [
        { type: 'reply', reply: { id: 'track', title: 'Track your order' } },
        { type: 'reply', reply: { id: 'faq', title: 'FAQ' } },
        { type: 'reply', reply: { id: 'agent', title: 'Talk to us' } },
      ] },
    })
    await runtime.host.idle()
    const key = `whatsapp:${PHONE_ID}:${WA_ID}`
    expect((await runtime.store.getSession(key))?.contact).toMatchObject({ name: 'Kerry Fisher', phone: `+${WA_ID}` })
    const metrics = await (await fetch(`${runtime.url}/metrics`)).text()
    expect(metrics).toMatch(/switchboard_webhook_duration_seconds_count\{channel="whatsapp"\} [1-9]/)
  })

  it('follows a button_reply to a list, and a list_reply to its answer', async () => {
    const { graph, post } = await setup()
    await post(messagesEnvelope([textMessage('wamid.in.1', 'hi', now())]))
    await graph.waitForRequests(2)
    expect((await post(messagesEnvelope([buttonReply('wamid.in.2', 'faq', 'FAQ', now(), 'wamid.out.1')]))).status).toBe(200)
    await graph.waitForRequests(3)
    const list = sent(graph)[2]
    expect(list.type).toBe('interactive')
    expect(list.interactive.type).toBe('list')
    expect(list.interactive.action.button).toBe('Topics')
    expect(list.interactive.action.sections[0].rows.map((r: { id: string }) => r.id)).toEqual(['shipping', 'returns', 'payment', 'sizes', 'contact'])
    await post(messagesEnvelope([listReply('wamid.in.3', 'returns', 'Returns', now(), 'wamid.out.2')]))
    await graph.waitForRequests(4)
    expect(sent(graph)[3].text.body).toBe('Returns are free for 30 days.')
  })

  it('refuses a wrong signature with 403 and a missing one with 401, processing nothing', async () => {
    const { graph, runtime, post } = await setup()
    const payload = messagesEnvelope([textMessage('wamid.in.forged', 'hi', now())])
    const forged = await post(payload, 'sha256=' + '0'.repeat(64))
    expect(forged.status).toBe(403)
    expect((await forged.json()).message).toMatch(/X-Hub-Signature-256/)
    expect((await post(payload, `sha256=${'ab'.repeat(32)}x`)).status).toBe(403)
    expect((await post(payload, null)).status).toBe(401)
    await settle()
    await runtime.host.idle()
    expect(graph.requests).toHaveLength(0)
    expect(await runtime.store.pendingInbound()).toHaveLength(0)
    expect(await runtime.store.getSession(`whatsapp:${PHONE_ID}:${WA_ID}`)).toBeUndefined()
    expect((await fetch(`${runtime.url}/healthz`)).status).toBe(200)
    // the same message, signed, is then accepted: the forged attempts did not consume its wamid
    expect((await post(payload)).status).toBe(200)
    await graph.waitForRequests(2)
  })

  it('refuses signed malformed JSON (400), a body that is not a webhook (400) and a 3 MiB body (413)', async () => {
    const { graph, runtime, post } = await setup()
    const bad = await post('{"object":"whatsapp_business_account","entry":[')
    expect(bad.status).toBe(400)
    expect((await bad.json()).message).toMatch(/not valid JSON/)
    expect((await post({ object: 'page', entry: [] })).status).toBe(400)
    const huge = JSON.stringify(messagesEnvelope([textMessage('wamid.in.huge', 'x'.repeat(3 * 1024 * 1024), now())]))
    const tooLarge = await post(huge)
    expect(tooLarge.status).toBe(413)
    expect((await tooLarge.json()).message).toMatch(/larger than/)
    await settle()
    expect(graph.requests).toHaveLength(0)
    expect(await runtime.store.pendingInbound()).toHaveLength(0)
    expect((await fetch(`${runtime.url}/healthz`)).status).toBe(200)
  })

  it('refuses every webhook with 503 when WHATSAPP_APP_SECRET is not set, and says so in the log', async () => {
    const { graph, runtime, post } = await setup({ env: { WHATSAPP_APP_SECRET: '' } })
    const res = await post(messagesEnvelope([textMessage('wamid.in.1', 'hi', now())]))
    expect(res.status).toBe(503)
    expect(runtime.logs.some((l) => /set WHATSAPP_APP_SECRET/.test(l.msg))).toBe(true)
    await settle()
    expect(graph.requests).toHaveLength(0)
  })

  it('answers a redelivered wamid once, whether it comes again later or at the same time', async () => {
    const { graph, runtime, post } = await setup()
    const payload = messagesEnvelope([textMessage('wamid.in.dup', 'hi', now())])
    const [a, b] = await Promise.all([post(payload), post(payload)])
    expect([a.status, b.status]).toEqual([200, 200])
    expect((await post(payload)).status).toBe(200)
    await graph.waitForRequests(2)
    await runtime.host.idle()
    await settle()
    expect(graph.requests).toHaveLength(2)
  })

  it('records sent, delivered and read statuses once each', async () => {
    const { runtime, post } = await setup()
    const at = now()
    const report = statusesEnvelope([status('wamid.out.0', 'sent', at), status('wamid.out.0', 'delivered', at + 1000), status('wamid.out.0', 'read', at + 2000)])
    expect((await post(report)).status).toBe(200)
    expect((await post(report)).status).toBe(200)
    expect(await runtime.store.statuses('wamid.out.0')).toEqual([
      { status: 'sent', at: Math.floor(at / 1000) * 1000 },
      { status: 'delivered', at: Math.floor(at / 1000) * 1000 + 1000 },
      { status: 'read', at: Math.floor(at / 1000) * 1000 + 2000 },
    ])
    const failed = statusesEnvelope([status('wamid.out.9', 'failed', at, WA_ID, [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'x' } }])])
    expect((await post(failed)).status).toBe(200)
    expect(await runtime.store.statuses('wamid.out.9')).toEqual([{ status: 'failed', at: Math.floor(at / 1000) * 1000 }])
  })

  it('acknowledges a message for a phone-number id no flow is bound to, and sends nothing', async () => {
    const { graph, runtime, post } = await setup()
    const res = await post(messagesEnvelope([textMessage('wamid.in.other', 'hi', now())], { phoneNumberId: '999999999999999' }))
    expect(res.status).toBe(200)
    await runtime.host.idle()
    await settle()
    expect(graph.requests).toHaveLength(0)
    expect(await runtime.store.pendingInbound()).toHaveLength(0)
    expect(runtime.logs.some((l) => l.level === 'warn' && /no flow is bound/.test(l.msg))).toBe(true)
  })
})

describe('sending to the Graph API', () => {
  async function setupWithSleeps(respond: (r: RecordedRequest, i: number) => { status?: number; body?: unknown; hangUp?: boolean }) {
    const sleeps: number[] = []
    const graph = await startRecorder(respond)
    const { logger } = captureLogs()
    const adapter = createWhatsAppAdapter({ apiUrl: `${graph.url}/v21.0`, accessToken: 'test-access-token', logger, maxAttempts: 4, sleep: async (ms) => void sleeps.push(ms) })
    // what the host gets back from each send: the providerId, or the error it marks the record failed with
    const outcomes: { providerId?: string; error?: string }[] = []
    const whatsapp = {
      translate: adapter.translate,
      send: (record: Parameters<typeof adapter.send>[0]) =>
        adapter.send(record).then(
          (r) => (outcomes.push(r), r),
          (e: Error) => (outcomes.push({ error: e.message }), Promise.reject(e)),
        ),
    }
    const runtime = await startTestRuntime({ flows: [orderBot], env: { WHATSAPP_APP_SECRET: SECRET }, channels: { whatsapp } })
    open.push(graph, runtime)
    const post = (payload: unknown) => postWhatsApp(runtime.url, payload, SECRET)
    return { graph, runtime, sleeps, outcomes, post }
  }
  const outbox = (runtime: TestRuntime) => runtime.store.pendingOutbound()

  it('retries a 500 once, in order, and keeps the providerId of the attempt that succeeded', async () => {
    const { graph, runtime, sleeps, outcomes, post } = await setupWithSleeps((r, i) => (i === 0 ? { status: 500, body: { error: { message: 'Service temporarily unavailable', code: 2 } } } : graphOk(r, i)))
    await post(messagesEnvelope([textMessage('wamid.in.1', 'hi', now())]))
    await graph.waitForRequests(3)
    await runtime.host.idle()
    const bodies = sent(graph)
    expect(bodies[0]).toEqual(bodies[1])
    expect(bodies[0].type).toBe('text')
    expect(bodies[2].type).toBe('interactive')
    expect(sleeps).toEqual([500])
    expect(outcomes).toEqual([{ providerId: 'wamid.out.1' }, { providerId: 'wamid.out.2' }])
    expect(await outbox(runtime)).toHaveLength(0)
    await settle()
    expect(graph.requests).toHaveLength(3)
  })

  it('backs off exponentially on 429 / #130429 / #131056 and network errors, and gives up after maxAttempts', async () => {
    const { graph, runtime, sleeps, outcomes, post } = await setupWithSleeps((r, i) =>
      i === 0 ? { status: 429, body: { error: { message: '(#130429) Rate limit hit', code: 130429 } } }
      : i === 1 ? { status: 400, body: { error: { message: '(#131056) Pair rate limit hit', code: 131056 } } }
      : i === 2 ? { hangUp: true }
      : i === 3 ? { status: 503, body: 'upstream' }
      : graphOk(r, i))
    await post(messagesEnvelope([textMessage('wamid.in.1', 'hi', now())]))
    await graph.waitForRequests(5)
    await runtime.host.idle()
    // the greeting failed after 4 attempts; the menu went out after it, once
    expect(sleeps).toEqual([500, 1000, 2000])
    expect(sent(graph).map((b) => b.type)).toEqual(['text', 'text', 'text', 'text', 'interactive'])
    expect(outcomes).toEqual([{ error: 'WhatsApp API 503: upstream' }, { providerId: 'wamid.out.4' }])
  })

  it('never retries other 4xx: the record fails with Meta\'s code and message', async () => {
    const { graph, runtime, sleeps, outcomes, post } = await setupWithSleeps(() => ({ status: 400, body: { error: { message: '(#131047) Re-engagement message', code: 131047, error_data: { details: 'More than 24 hours have passed' } } } }))
    await post(messagesEnvelope([textMessage('wamid.in.1', 'hi', now())]))
    await graph.waitForRequests(2)
    await runtime.host.idle()
    await settle()
    expect(graph.requests).toHaveLength(2)
    expect(sleeps).toEqual([])
    expect(outcomes).toEqual([
      { error: 'WhatsApp API 400 (#131047): (#131047) Re-engagement message: More than 24 hours have passed' },
      { error: 'WhatsApp API 400 (#131047): (#131047) Re-engagement message: More than 24 hours have passed' },
    ])
  })
})

describe('the 24-hour customer-service window', () => {
  it('holds a free-form message to a customer who last wrote over 24 hours ago, but sends a template', async () => {
    let clock = Date.UTC(2026, 0, 5, 9, 0, 0)
    const { graph, runtime, post } = await setup({ flows: [orderBot, shipped], clock: () => clock })
    await post(messagesEnvelope([textMessage('wamid.in.1', 'hi', clock)]))
    await graph.waitForRequests(2)
    await runtime.host.idle()
    // nobody answers the menu: its 2-day timeout fires, and its message must not go out
    clock += 49 * 3_600_000
    await runtime.host.tick()
    await runtime.host.idle()
    await settle()
    expect(graph.requests).toHaveLength(2)
    expect(runtime.logs.some((l) => /held/.test(l.msg) && /24 hours/.test(l.msg))).toBe(true)
    expect((await runtime.store.getSession(`whatsapp:${PHONE_ID}:${WA_ID}`))?.status).toBe('ended')
    // a proactive flow opening with a template is sent all the same
    const start = await fetch(`${runtime.url}/api/conversations`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' },
      body: JSON.stringify({ flow: 'wa-shipped', channel: 'whatsapp', contact: { id: WA_ID, name: 'Kerry' } }),
    })
    expect(start.status).toBe(202)
    await graph.waitForRequests(3)
    expect(sent(graph)[2]).toMatchObject({ to: WA_ID, type: 'template', template: { name: 'order_shipped', language: { code: 'en_US' } } })
  })

  it('answers a customer who writes again after days of silence: the new message reopens the window', async () => {
    let clock = Date.UTC(2026, 0, 5, 9, 0, 0)
    const { graph, runtime, post } = await setup({ clock: () => clock })
    await post(messagesEnvelope([textMessage('wamid.in.1', 'hi', clock)]))
    await post(messagesEnvelope([buttonReply('wamid.in.2', 'faq', 'FAQ', clock)]))
    await post(messagesEnvelope([listReply('wamid.in.3', 'shipping', 'Shipping times', clock)]))
    await graph.waitForRequests(4)
    await runtime.host.idle()
    clock += 3 * 24 * 3_600_000
    await post(messagesEnvelope([textMessage('wamid.in.4', 'hi again', clock)]))
    await graph.waitForRequests(6)
    expect(sent(graph).slice(4).map((b) => b.type)).toEqual(['text', 'interactive'])
  })
})

describe('durability (SQLite)', () => {
  it('keeps the wamid across a restart: a redelivery after it answers nothing new', async () => {
    const graph = await startRecorder(graphOk)
    open.push(graph)
    const env = { WHATSAPP_APP_SECRET: SECRET, WHATSAPP_ACCESS_TOKEN: 't', WHATSAPP_API_URL: graph.url }
    const first = await startTestRuntime({ flows: [orderBot], env, store: 'sqlite' })
    const payload = messagesEnvelope([textMessage('wamid.in.persist', 'hi', now())])
    expect((await postWhatsApp(first.url, payload, SECRET)).status).toBe(200)
    await graph.waitForRequests(2)
    await first.host.idle()
    await first.close({ keepDir: true })
    const second = await startTestRuntime({ flows: [orderBot], env, store: 'sqlite', dir: first.dir })
    open.push({ close: async () => { await second.close(); const { rmSync } = await import('node:fs'); rmSync(first.dir, { recursive: true, force: true }) } })
    expect((await postWhatsApp(second.url, payload, SECRET)).status).toBe(200)
    await second.host.idle()
    await settle()
    expect(graph.requests).toHaveLength(2)
    await waitUntil(async () => (await second.store.pendingInbound()).length === 0, 'no pending inbound')
  })

  it('forgets message ids once Meta can no longer redeliver them (8 days), so the dedupe table stays small', async () => {
    const graph = await startRecorder(graphOk)
    open.push(graph)
    let clock = Date.UTC(2026, 2, 2, 9, 0, 0)
    const env = { WHATSAPP_APP_SECRET: SECRET, WHATSAPP_ACCESS_TOKEN: 't', WHATSAPP_API_URL: graph.url }
    const first = await startTestRuntime({ flows: [orderBot], env, store: 'sqlite', clock: () => clock })
    const message = (id: string) => ({ id, key: 'whatsapp:x:y', ref: { channel: 'whatsapp' as const, address: 'x', contact: 'y' }, event: { type: 'message-received' as const, at: clock, text: 'hi' }, receivedAt: clock })
    expect((await postWhatsApp(first.url, messagesEnvelope([textMessage('wamid.in.old', 'hi', clock)]), SECRET)).status).toBe(200)
    await graph.waitForRequests(2)
    await first.host.idle()
    await first.close({ keepDir: true })

    clock += 7 * 24 * 3_600_000
    const week = await startTestRuntime({ flows: [orderBot], env, store: 'sqlite', dir: first.dir, clock: () => clock })
    expect(await week.store.acceptInbound(message('wamid.in.old'))).toBe(false)
    await week.close({ keepDir: true })

    clock += 2 * 24 * 3_600_000
    const later = await startTestRuntime({ flows: [orderBot], env, store: 'sqlite', dir: first.dir, clock: () => clock })
    open.push(later)
    await waitUntil(async () => await later.store.acceptInbound(message('wamid.in.old')), 'the old id forgotten')
  })
})
