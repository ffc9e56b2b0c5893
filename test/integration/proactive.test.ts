/**
 * POST /api/conversations: the business starts a flow for a contact (order shipped, back in stock).
 * WhatsApp gets the template at the fake Graph API; web chat gets the frames live or on reconnect;
 * opted-out, busy, unknown and malformed requests are refused and send nothing.
 */
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import webShop from '../../runtime/server/webchat/testdata/web-shop.flow.json' with { type: 'json' }
import { greeter, graphText } from './fixtures/greeter.ts'
import { messagesEnvelope, postWhatsApp, settle, startRecorder, startTestRuntime, textMessage, waitUntil, type Recorder, type TestRuntime } from './helpers/index.ts'

const SECRET = 'proactive-app-secret'
const PHONE_ID = '106540352242922'
const WA_ID = '16505551234'
const shipped = JSON.parse(readFileSync(new URL('./fixtures/whatsapp-shipped.flow.json', import.meta.url), 'utf8'))
/** A web chat notice that fills variables and ends: "The Aeropress is back in stock, Ada!" */
const backInStock = {
  id: 'web-back-in-stock',
  name: 'Back in stock (web chat)',
  version: 1,
  channels: ['webchat'],
  languages: ['en'],
  defaultLanguage: 'en',
  proactive: true,
  bindings: { webchat: ['northwind'] },
  variables: { item: { type: 'string' } },
  start: 'tell',
  nodes: [{ id: 'tell', type: 'end', text: 'The {{item}} is back in stock, {{contact.name}}!' }],
}
const SESSION = 'proactiveSession0001'

let open: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const thing of open.reverse()) await thing.close()
  open = []
})

async function setup(flows: object[]) {
  const graph = await startRecorder((_, i) => ({ body: { messaging_product: 'whatsapp', messages: [{ id: `wamid.out.${i}` }] } }))
  const runtime = await startTestRuntime({ flows, env: { WHATSAPP_APP_SECRET: SECRET, WHATSAPP_ACCESS_TOKEN: 'graph-token', WHATSAPP_API_URL: graph.url } })
  open.push(graph, runtime)
  return { graph, runtime }
}

const start = (runtime: TestRuntime, body: unknown, token: string | null = 'test-token') =>
  fetch(`${runtime.url}/api/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

let n = 0
async function customerSays(runtime: TestRuntime, graph: Recorder, message: object, replies: number) {
  const before = graph.requests.length
  expect((await postWhatsApp(runtime.url, messagesEnvelope([message]), SECRET)).status).toBe(200)
  await graph.waitForRequests(before + replies)
  await runtime.host.idle()
}

/** A web chat customer socket that keeps every frame. */
async function webchat(runtime: TestRuntime, hello: object) {
  const frames: { type: string; [k: string]: any }[] = []
  const socket = new WebSocket(`${runtime.url.replace(/^http/, 'ws')}/webchat`)
  socket.on('message', (data) => frames.push(JSON.parse(String(data))))
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  open.push({ close: async () => socket.close() })
  socket.send(JSON.stringify({ type: 'hello', siteKey: 'northwind', ...hello }))
  await waitUntil(() => frames.some((f) => f.type === 'history'), 'the history frame')
  return { socket, frames, say: (frame: object) => socket.send(JSON.stringify({ type: 'message', ...frame })) }
}

describe('POST /api/conversations', () => {
  it('starts a WhatsApp template flow: the template reaches the Graph API, and the customer\'s quick reply carries on', async () => {
    const { graph, runtime } = await setup([shipped])
    const res = await start(runtime, { flow: 'wa-shipped', channel: 'whatsapp', contact: { id: WA_ID, name: 'Kerry' } })
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ conversation: `whatsapp:${PHONE_ID}:${WA_ID}`, flow: 'wa-shipped', version: 1, status: 'waiting' })
    const [template] = await graph.waitForRequests(1)
    expect(template.path).toBe(`/${PHONE_ID}/messages`)
    expect(template.headers.authorization).toBe('Bearer graph-token')
    expect(template.json).toMatchObject({ messaging_product: 'whatsapp', to: WA_ID, type: 'template', template: { name: 'order_shipped', language: { code: 'en_US' } } })
    expect(JSON.stringify((template.json as { template: { components: unknown } }).template.components)).toContain('"text":"Kerry"')
    // the customer taps the template's quick-reply button
    await customerSays(runtime, graph, { from: WA_ID, id: 'wamid.in.button', timestamp: String(Math.floor(Date.now() / 1000)), type: 'button', button: { payload: 'track', text: 'Track my order' } }, 1)
    expect(graphText(graph.requests[1].json)).toBe('It arrives tomorrow.')
  })

  it('starts a web chat flow with variables: the frame reaches a connected tab live, and a reconnecting tab in its history', async () => {
    const { runtime } = await setup([webShop, backInStock])
    const live = await webchat(runtime, {})
    const id = live.frames.find((f) => f.type === 'session')!.id as string
    await waitUntil(() => live.frames.some((f) => f.type === 'message' && /What can I help you with/.test(f.text)), 'the shop menu')
    // mid-conversation: busy
    const busy = await start(runtime, { flow: 'web-back-in-stock', channel: 'webchat', contact: { id, name: 'Ada' }, variables: { item: 'Aeropress' } })
    expect(busy.status).toBe(409)
    expect(await busy.json()).toMatchObject({ error: 'busy', message: expect.stringMatching(/web-shop/) })
    live.say({ choice: 'bye' })
    await waitUntil(() => live.frames.some((f) => f.type === 'ended'), 'the shop conversation to end')
    const res = await start(runtime, { flow: 'web-back-in-stock', channel: 'webchat', contact: { id, name: 'Ada' }, variables: { item: 'Aeropress' } })
    expect(res.status).toBe(202)
    expect(await res.json()).toMatchObject({ flow: 'web-back-in-stock', status: 'ended' })
    await waitUntil(() => live.frames.some((f) => f.type === 'message' && f.text === 'The Aeropress is back in stock, Ada!'), 'the proactive frame on the open socket')

    // a customer who was not connected sees it on the next visit (reconnect with the stored session id)
    expect((await start(runtime, { flow: 'web-back-in-stock', channel: 'webchat', address: 'northwind', contact: { id: SESSION, name: 'Bo' }, variables: { item: 'Chemex' } })).status).toBe(202)
    const later = await webchat(runtime, { session: SESSION })
    expect(later.frames.find((f) => f.type === 'session')!.id).toBe(SESSION)
    const history = later.frames.find((f) => f.type === 'history')!
    expect(history.messages).toEqual([expect.objectContaining({ from: 'bot', text: 'The Chemex is back in stock, Bo!' })])
    expect(later.frames.some((f) => f.type === 'ended')).toBe(true)
  })

  it('refuses an opted-out contact (after STOP) with 409 and sends nothing', async () => {
    const { graph, runtime } = await setup([greeter('v1', { bindings: { whatsapp: [PHONE_ID] } }), shipped])
    await customerSays(runtime, graph, textMessage(`wamid.in.${++n}`, 'hi', Date.now()), 2)
    await customerSays(runtime, graph, textMessage(`wamid.in.${++n}`, 'STOP', Date.now()), 0)
    expect((await runtime.store.getContact('whatsapp', WA_ID))?.optedOut).toBe(true)
    await settle()
    const before = graph.requests.length
    const res = await start(runtime, { flow: 'wa-shipped', channel: 'whatsapp', contact: { id: WA_ID, name: 'Kerry' } })
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ error: 'opted-out', message: expect.stringMatching(/opted out; nothing was sent/) })
    await runtime.host.idle()
    await settle()
    expect(graph.requests).toHaveLength(before)
    // another contact is still reachable
    expect((await start(runtime, { flow: 'wa-shipped', channel: 'whatsapp', contact: { id: '16505550000', name: 'Lee' } })).status).toBe(202)
    await graph.waitForRequests(before + 1)
    expect(graph.requests[before].json).toMatchObject({ to: '16505550000', type: 'template' })
  })

  it('refuses a contact in the middle of a conversation with 409 busy and sends nothing', async () => {
    const { graph, runtime } = await setup([greeter('v1', { bindings: { whatsapp: [PHONE_ID] } }), shipped])
    await customerSays(runtime, graph, textMessage(`wamid.in.${++n}`, 'hi', Date.now()), 2)
    const res = await start(runtime, { flow: 'wa-shipped', channel: 'whatsapp', contact: { id: WA_ID } })
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ error: 'busy', message: expect.stringMatching(/greeter/) })
    await settle()
    expect(graph.requests).toHaveLength(2)
    expect((await runtime.store.getSession(`whatsapp:${PHONE_ID}:${WA_ID}`))?.flow).toBe('greeter')
  })

  it('answers 404 for an unknown flow, 400 for a bad body, 401 without the token, and starts nothing', async () => {
    const { graph, runtime } = await setup([shipped, greeter('v1')])
    const unknown = await start(runtime, { flow: 'nope', channel: 'whatsapp', contact: { id: WA_ID } })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: 'not-found', message: "No flow 'nope' is deployed." })
    const bad: [unknown, RegExp][] = [
      [{}, /"flow"/],
      [{ flow: 'wa-shipped', channel: 'sms', contact: { id: WA_ID } }, /"channel" must be one of whatsapp, voice, webchat/],
      [{ flow: 'wa-shipped', channel: 'whatsapp' }, /"contact\.id"/],
      [{ flow: 'wa-shipped', channel: 'whatsapp', contact: { id: '' } }, /"contact\.id"/],
      [{ flow: 'wa-shipped', channel: 'whatsapp', contact: { id: WA_ID }, variables: [1] }, /"variables" must be an object/],
      [{ flow: 'wa-shipped', channel: 'webchat', contact: { id: SESSION } }, /not written for webchat/],
      [{ flow: 'greeter', channel: 'whatsapp', contact: { id: WA_ID } }, /"address" is required/],
      ['{"flow": "wa-shipped", ', /not valid JSON/],
    ]
    for (const [body, message] of bad) {
      const res = await start(runtime, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect((await res.json()).message).toMatch(message)
    }
    expect((await start(runtime, { flow: 'wa-shipped', channel: 'whatsapp', contact: { id: WA_ID } }, null)).status).toBe(401)
    expect((await start(runtime, { flow: 'wa-shipped', channel: 'whatsapp', contact: { id: WA_ID } }, 'wrong')).status).toBe(401)
    await runtime.host.idle()
    await settle()
    expect(graph.requests).toHaveLength(0)
    expect(await runtime.store.openSessions()).toEqual([])
  })
})
