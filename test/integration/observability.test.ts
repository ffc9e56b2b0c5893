/**
 * What an operator watches: /healthz, /metrics in Prometheus text format (counters moved by real
 * webhooks), and JSON logs in which a customer's phone number never appears whole.
 */
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { greeter } from './fixtures/greeter.ts'
import { buttonReply, captureLogs, messagesEnvelope, postWhatsApp, startRecorder, startTestRuntime, textMessage, waitUntil, type Recorder, type TestRuntime } from './helpers/index.ts'

const SECRET = 'observability-app-secret'
const PHONE_ID = '106540352242922'
const WA_ID = '16505551234'
const orderBot = JSON.parse(readFileSync(new URL('./fixtures/whatsapp-order-bot.flow.json', import.meta.url), 'utf8'))

let open: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const thing of open.reverse()) await thing.close()
  open = []
})

async function setup(graphAnswer: Parameters<typeof startRecorder>[0] = (_, i) => ({ body: { messages: [{ id: `wamid.out.${i}` }] } })) {
  const graph = await startRecorder(graphAnswer)
  const runtime = await startTestRuntime({ flows: [orderBot, greeter('v1', { id: 'web-greeter' })], env: { WHATSAPP_APP_SECRET: SECRET, WHATSAPP_ACCESS_TOKEN: 'graph-token', WHATSAPP_API_URL: graph.url } })
  open.push(graph, runtime)
  let n = 0
  async function say(message: (id: string) => object, replies: number, options: { from?: string; phoneNumberId?: string } = {}) {
    const before = graph.requests.length
    const res = await postWhatsApp(runtime.url, messagesEnvelope([message(`wamid.in.${++n}`)], { waId: options.from ?? WA_ID, phoneNumberId: options.phoneNumberId }), SECRET)
    expect(res.status).toBe(200)
    await graph.waitForRequests(before + replies)
    await runtime.host.idle()
  }
  return { graph, runtime, say }
}

/** The value of one sample in Prometheus text: the metric name and every given label must match (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const have = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]))
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(match[3])
  }
  return 0
}

const metrics = async (runtime: TestRuntime) => {
  const res = await fetch(`${runtime.url}/metrics`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  return res.text()
}

describe('GET /healthz', () => {
  it('answers ok with every deployed flow and its active version, without a token', async () => {
    const { runtime } = await setup()
    await fetch(`${runtime.url}/api/flows`, { method: 'POST', headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' }, body: JSON.stringify(greeter('v2', { id: 'web-greeter' })) })
    const res = await fetch(`${runtime.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', flows: [{ id: 'wa-order-bot', version: 1 }, { id: 'web-greeter', version: 2 }] })
  })
})

describe('GET /metrics', () => {
  it('counts messages in and out by channel, node visits, hand-offs, active conversations, errors and webhook latency', async () => {
    const { runtime, say } = await setup()
    const before = await metrics(runtime)
    expect(before).toMatch(/^# HELP switchboard_messages_in_total /m)
    expect(before).toMatch(/^# TYPE switchboard_webhook_duration_seconds histogram$/m)
    expect(before).toMatch(/^process_cpu_user_seconds_total /m)
    expect(sample(before, 'switchboard_messages_in_total', { channel: 'whatsapp' })).toBe(0)

    await say((id) => textMessage(id, 'hi', Date.now()), 2)
    const one = await metrics(runtime)
    expect(sample(one, 'switchboard_messages_in_total', { channel: 'whatsapp' })).toBe(1)
    expect(sample(one, 'switchboard_messages_out_total', { channel: 'whatsapp' })).toBe(2)
    expect(sample(one, 'switchboard_node_visits_total', { flow: 'wa-order-bot', node: 'welcome' })).toBe(1)
    expect(sample(one, 'switchboard_node_visits_total', { flow: 'wa-order-bot', node: 'main-menu' })).toBe(1)
    expect(sample(one, 'switchboard_active_conversations')).toBe(1)
    expect(sample(one, 'switchboard_webhook_duration_seconds_count', { channel: 'whatsapp' })).toBe(1)
    expect(sample(one, 'switchboard_webhook_duration_seconds_bucket', { channel: 'whatsapp', le: '+Inf' })).toBe(1)
    expect(sample(one, 'switchboard_webhook_duration_seconds_sum', { channel: 'whatsapp' })).toBeGreaterThan(0)
    expect(one).toMatch(/^switchboard_webhook_duration_seconds_bucket\{le="0\.005",channel="whatsapp"\} \d+$/m)

    // "Talk to us" hands off to the support queue
    await say((id) => buttonReply(id, 'agent', 'Talk to us', Date.now()), 1)
    const two = await metrics(runtime)
    expect(sample(two, 'switchboard_messages_in_total', { channel: 'whatsapp' })).toBe(2)
    expect(sample(two, 'switchboard_handoffs_total', { queue: 'support' })).toBe(1)
    expect(sample(two, 'switchboard_node_visits_total', { flow: 'wa-order-bot', node: 'handoff' })).toBe(1)
    expect(sample(two, 'switchboard_webhook_duration_seconds_count', { channel: 'whatsapp' })).toBe(2)

    // a message for a number no flow is bound to: acknowledged, counted as an error of its kind
    await say((id) => textMessage(id, 'hi', Date.now()), 0, { phoneNumberId: '999999999999999' })
    const three = await metrics(runtime)
    expect(sample(three, 'switchboard_errors_total', { kind: 'unrouted' })).toBe(1)
    expect(sample(three, 'switchboard_webhook_duration_seconds_count', { channel: 'whatsapp' })).toBe(3)
  })

  it('counts a refused send as an error and not as a message out', async () => {
    const { runtime, say } = await setup(() => ({ status: 400, body: { error: { message: 'Recipient not in allowed list', code: 131030 } } }))
    await say((id) => textMessage(id, 'hi', Date.now()), 2)
    const text = await metrics(runtime)
    expect(sample(text, 'switchboard_messages_out_total', { channel: 'whatsapp' })).toBe(0)
    expect(sample(text, 'switchboard_errors_total', { kind: 'send' })).toBe(2)
  })
})

describe('logs', () => {
  it('are JSON lines with level, time and message, and never show a customer\'s number whole', async () => {
    // Meta refuses the sends: the failures are logged with the record, which names the conversation
    const { runtime, say, graph } = await setup(() => ({ status: 400, body: { error: { message: 'Recipient not in allowed list', code: 131030 } } }))
    await say((id) => textMessage(id, 'hi', Date.now()), 2)
    await say((id) => textMessage(id, 'hi', Date.now()), 0, { phoneNumberId: '999999999999999', from: '393471234567' })
    await waitUntil(() => runtime.logs.filter((l) => /failed/.test(l.msg)).length >= 2, 'the failed-send log lines')
    expect(graph.requests.map((r) => (r.json as { to: string }).to)).toEqual([WA_ID, WA_ID])

    for (const line of runtime.logs) {
      expect(typeof line.level).toBe('string')
      expect(typeof line.msg).toBe('string')
      expect(new Date(line.time as string).getTime()).toBeGreaterThan(0)
      expect(line.service).toBe('switchboard-runtime')
    }
    const all = JSON.stringify(runtime.logs)
    const aboutCustomer = runtime.logs.filter((l) => JSON.stringify(l).includes('16505•••1234'))
    expect(aboutCustomer.length).toBeGreaterThan(0)
    expect(all).not.toContain(WA_ID)
    expect(all).not.toContain('393471234567')
    expect(all).not.toContain('6505551234')
  })

  it('keep an error\'s message and stack, masked too', () => {
    const { logs, logger } = captureLogs()
    logger.error({ err: new Error('the Graph API refused +16505551234') }, `sending to ${WA_ID} failed`)
    logger.warn({ to: WA_ID, nested: { phone: '+39 347 123 4567' } }, 'held')
    expect(logs[0]).toMatchObject({ level: 'error', msg: 'sending to 16505•••1234 failed', err: { type: 'Error', message: 'the Graph API refused +16505•••1234' } })
    expect(logs[0].err).toHaveProperty('stack', expect.stringMatching(/^Error: the Graph API refused \+16505•••1234\n\s+at /))
    expect(logs[1]).toMatchObject({ to: '16505•••1234', nested: { phone: '+39347•••4567' } })
  })
})
