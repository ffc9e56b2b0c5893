/**
 * The agent desk end to end on real servers (127.0.0.1, port 0): a customer on web chat (a real
 * socket) or WhatsApp (signed webhooks, the recording Graph API stand-in) asks for a person, the
 * desk API shows the conversation with its context, an agent claims it, replies on the customer's
 * own channel, writes notes and resolves; the bot answers again. SLA alert and escalation under a
 * test clock, the generic hand-off webhook, and a restart during the wait (SQLite).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { conversation, deskClient, escalationPolicy, openChat, type ChatCustomer } from './desk-fixture.ts'
import { messagesEnvelope, buttonReply, postWhatsApp, settle, startRecorder, startTestRuntime, textMessage, type Recorder, type RecordedRequest, type TestRuntime } from './helpers/index.ts'

const SECRET = 'test-app-secret'
const WA_ID = '16505551234'
const graphOk = (_: RecordedRequest, i: number) => ({ body: { messaging_product: 'whatsapp', contacts: [{ input: WA_ID, wa_id: WA_ID }], messages: [{ id: `wamid.out.${i}` }] } })

let open: { close(): Promise<void> | void }[] = []
afterEach(async () => {
  for (const thing of open.reverse()) await thing.close()
  open = []
})

interface Setup {
  runtime: TestRuntime
  hooks: Recorder
  graph: Recorder
  desk: ReturnType<typeof deskClient>
}

async function setup(options: { clock?: () => number; store?: 'memory' | 'sqlite'; dir?: string; hooks?: Recorder; graph?: Recorder } = {}): Promise<Setup> {
  const hooks = options.hooks ?? (await startRecorder({ status: 200, body: {} }))
  const graph = options.graph ?? (await startRecorder(graphOk))
  const runtime = await startTestRuntime({
    flows: [escalationPolicy(hooks.url)],
    clock: options.clock,
    store: options.store,
    dir: options.dir,
    env: {
      SWITCHBOARD_HTTP_ALLOW: '127.0.0.1',
      SWITCHBOARD_HANDOFF_WEBHOOK: `${hooks.url}/handoff`,
      WHATSAPP_APP_SECRET: SECRET,
      WHATSAPP_ACCESS_TOKEN: 'test-access-token',
      WHATSAPP_API_URL: `${graph.url}/v21.0`,
    },
  })
  if (!options.hooks) open.push(hooks)
  if (!options.graph) open.push(graph)
  open.push(runtime)
  return { runtime, hooks, graph, desk: deskClient(runtime.url) }
}

function track(customer: ChatCustomer) {
  open.push({ close: () => customer.close() })
  return customer
}

/** Bot lines in the transcript, for showing the bot kept quiet. */
const botLines = async (runtime: TestRuntime, key: string) => (await runtime.store.transcript(key)).filter((l) => l.from === 'bot').length

describe('agent desk over web chat', () => {
  it('queues the customer with context; an agent claims, replies on the socket, resolves; the bot answers again', async () => {
    const { runtime, desk, hooks } = await setup()
    const chat = await openChat(runtime.url)
    track(chat.customer)
    expect(chat.opening).toEqual(["Hi! I'm the Example Shop assistant.", 'How can I help?'])

    chat.customer.send({ type: 'message', text: 'talk to a person' })
    expect(await chat.customer.turn()).toEqual(['Connecting you to a colleague…'])
    expect(chat.customer.frames.some((f) => f.type === 'handed-off' && f.queue === 'support-tier1')).toBe(true)

    const listed = await desk('/conversations?status=queued')
    expect(listed.status).toBe(200)
    expect(listed.body.conversations).toHaveLength(1)
    const item = listed.body.conversations[0]
    expect(item).toMatchObject({ id: chat.key, channel: 'webchat', contact: { id: chat.session }, queue: 'support-tier1', priority: 5, status: 'queued', sla: { state: 'ok' } })
    expect(item.sla.escalateAt - item.sla.alertAt).toBe(180_000)
    expect(item.waitingSeconds).toBeGreaterThanOrEqual(0)
    expect((await desk('/conversations?status=active')).body.conversations).toEqual([])
    expect((await desk('/conversations?status=resolved')).status).toBe(400)

    const detail = (await desk(conversation(chat.key))).body
    expect(detail.transcript.map((l: { from: string; text: string }) => [l.from, l.text])).toEqual([
      ['bot', "Hi! I'm the Example Shop assistant."],
      ['bot', 'How can I help?'],
      ['customer', 'talk to a person'],
      ['bot', 'Connecting you to a colleague…'],
    ])
    expect(detail.variables).toEqual({ customer: { tier: 'standard' } })
    expect(detail.summary).toContain('Channel: webchat')
    expect(detail.summary).toContain('customer: {"tier":"standard"}')
    expect(detail.nodes.map((n: { id: string }) => n.id)).toContain('help-menu')

    // While a person has the conversation the bot stays silent, global triggers (agent, angry words) included.
    const quietFrom = await botLines(runtime, chat.key)
    for (const text of ['hello? anyone there', 'agent', 'THIS IS RIDICULOUS', 'talk to a person']) chat.customer.send({ type: 'message', text })
    await chat.customer.turn()
    await runtime.host.idle()
    await settle()
    expect(await botLines(runtime, chat.key)).toBe(quietFrom)
    const customerLines = (await desk(conversation(chat.key))).body.transcript.filter((l: { from: string }) => l.from === 'customer').map((l: { text: string }) => l.text)
    expect(customerLines.slice(-4)).toEqual(['hello? anyone there', 'agent', 'THIS IS RIDICULOUS', 'talk to a person'])

    const claimed = await desk(conversation(chat.key) + '/claim', { body: { agent: 'ada' } })
    expect(claimed.status).toBe(200)
    expect(claimed.body).toMatchObject({ status: 'active', agent: 'ada' })
    const second = await desk(conversation(chat.key) + '/claim', { body: { agent: 'bob' } })
    expect(second.status).toBe(409)
    expect(second.body.message).toContain('ada')
    expect((await desk(conversation(chat.key) + '/claim', { body: { agent: 'ada' } })).status).toBe(200)
    expect((await desk(conversation(chat.key) + '/claim', { body: {} })).status).toBe(400)
    expect((await desk('/conversations?status=active')).body.conversations.map((c: { id: string }) => c.id)).toEqual([chat.key])

    const said = await desk(conversation(chat.key) + '/messages', { body: { text: 'Hi, this is Ada. How can I help?', agent: 'ada' } })
    expect(said.status).toBe(200)
    const agentFrame = await chat.customer.next('message')
    expect(agentFrame).toMatchObject({ text: 'Hi, this is Ada. How can I help?', from: 'agent' })
    expect((await desk(conversation(chat.key) + '/messages', { body: { text: 'me too', agent: 'bob' } })).status).toBe(409)
    expect((await desk(conversation(chat.key) + '/messages', { body: { text: '  ' } })).status).toBe(400)

    expect((await desk(conversation(chat.key) + '/notes', { body: { text: 'Wants a refund for order 4711', agent: 'ada' } })).status).toBe(200)
    chat.customer.send({ type: 'message', text: 'I need a refund for 4711' })
    await chat.customer.turn()
    await runtime.host.idle()
    const during = (await desk(conversation(chat.key))).body
    expect(during.notes).toEqual([{ at: expect.any(Number), agent: 'ada', text: 'Wants a refund for order 4711' }])
    expect(during.transcript.slice(-2).map((l: { from: string; text: string }) => [l.from, l.text])).toEqual([
      ['agent', 'Hi, this is Ada. How can I help?'],
      ['customer', 'I need a refund for 4711'],
    ])
    expect(await botLines(runtime, chat.key)).toBe(quietFrom)

    // A reload restores the agent's message as the agent's.
    const history = await (async () => {
      const again = track(new (chat.customer.constructor as typeof ChatCustomer)(runtime.url))
      await again.opened()
      again.send({ type: 'hello', siteKey: 'example-shop', session: chat.session })
      return (await again.next('history')).messages as { from: string; text: string }[]
    })()
    expect(history.find((m) => m.from === 'agent')?.text).toBe('Hi, this is Ada. How can I help?')

    expect((await desk(conversation(chat.key) + '/resolve', { body: { resumeAt: 'nowhere' } })).status).toBe(400)
    const resolved = await desk(conversation(chat.key) + '/resolve', { body: {} })
    expect(resolved.status).toBe(200)
    expect(await chat.customer.messages(2)).toEqual(['Thanks for your patience!', 'Thanks for contacting us. Have a good day!'])
    expect((await desk('/conversations')).body.conversations).toEqual([])
    expect((await desk(conversation(chat.key))).status).toBe(404)

    // The generic hand-off webhook heard the hand-off, the claim and the resolve, in order.
    await runtime.host.idle()
    const events = hooks.requests.filter((r) => r.path === '/handoff').map((r) => (r.json as { event: string }).event)
    expect(events).toEqual(['handoff', 'handoff-claimed', 'handoff-resolved'])
    const handoff = hooks.requests.find((r) => r.path === '/handoff')!.json as Record<string, unknown>
    expect(handoff).toMatchObject({ event: 'handoff', conversation: chat.key, queue: 'support-tier1', channel: 'webchat', variables: { customer: { tier: 'standard' } } })
  })

  it('resolves back to the bot at a chosen node, which answers the next message', async () => {
    const { runtime, desk } = await setup()
    const chat = await openChat(runtime.url)
    track(chat.customer)
    chat.customer.send({ type: 'message', choice: 'person', text: 'Talk to a person' })
    await chat.customer.turn()
    await desk(conversation(chat.key) + '/claim', { body: { agent: 'ada' } })
    const resolved = await desk(conversation(chat.key) + '/resolve', { body: { resumeAt: 'help-menu' } })
    expect(resolved.body).toMatchObject({ status: 'waiting', node: 'help-menu' })
    expect(await chat.customer.messages(1)).toEqual(['How can I help?'])
    chat.customer.send({ type: 'message', choice: 'returns', text: 'Returns' })
    expect((await chat.customer.turn())[0]).toBe('You can return any item within 30 days at https://shop.example/returns.')
  })

  it('ends the conversation when the agent resolves with end', async () => {
    const { runtime, desk } = await setup()
    const chat = await openChat(runtime.url)
    track(chat.customer)
    chat.customer.send({ type: 'message', text: 'agent' })
    await chat.customer.turn()
    await desk(conversation(chat.key) + '/claim', { body: { agent: 'ada' } })
    expect((await desk(conversation(chat.key) + '/resolve', { body: { end: true } })).body.status).toBe('ended')
    await chat.customer.next('ended')
    expect((await desk('/conversations')).body.conversations).toEqual([])
  })

  it('STOP is still honoured while a person has the conversation, and the conversation leaves the queue', async () => {
    const flow = escalationPolicy('http://127.0.0.1:9')
    flow.triggers.push({ id: 'stop', when: 'keyword', keywords: { en: ['stop'], it: ['stop'] }, do: 'opt-out' } as never)
    const runtime = await startTestRuntime({ flows: [flow] })
    open.push(runtime)
    const desk = deskClient(runtime.url)
    const chat = await openChat(runtime.url)
    track(chat.customer)
    chat.customer.send({ type: 'message', text: 'agent' })
    await chat.customer.turn()
    expect((await desk('/conversations')).body.conversations).toHaveLength(1)
    chat.customer.send({ type: 'message', text: 'STOP' })
    await chat.customer.turn()
    await runtime.host.idle()
    expect((await runtime.store.getSession(chat.key))?.status).toBe('ended')
    expect((await desk('/conversations')).body.conversations).toEqual([])
  })
})

describe('agent desk over WhatsApp', () => {
  it('delivers the agent reply through the Graph API and the bot answers again after resolve', async () => {
    const { runtime, desk, graph } = await setup()
    const post = (payload: unknown) => postWhatsApp(runtime.url, payload, SECRET)
    const at = Date.now()
    expect((await post(messagesEnvelope([textMessage('wamid.in.1', 'hi', at)]))).status).toBe(200)
    await graph.waitForRequests(2)
    expect((await post(messagesEnvelope([buttonReply('wamid.in.2', 'person', 'Talk to a person', at + 1000)]))).status).toBe(200)
    await graph.waitForRequests(3)
    await runtime.host.idle()
    expect((graph.requests[2].json as { text: { body: string } }).text.body).toBe('Connecting you to a colleague…')

    const [item] = (await desk('/conversations?status=queued')).body.conversations
    expect(item).toMatchObject({ channel: 'whatsapp', contact: { id: WA_ID, name: 'Kerry Fisher' }, queue: 'support-tier1', priority: 5 })
    const key = item.id as string
    expect(key).toBe(`whatsapp:106540352242922:${WA_ID}`)

    // The customer writes while waiting: it reaches the desk, and the bot keeps quiet.
    await post(messagesEnvelope([textMessage('wamid.in.3', 'are you there?', at + 2000)]))
    await runtime.host.idle()
    await settle()
    expect(graph.requests).toHaveLength(3)
    expect((await desk(conversation(key))).body.transcript.at(-1)).toMatchObject({ from: 'customer', text: 'are you there?' })

    expect((await desk(conversation(key) + '/claim', { body: { agent: 'ada' } })).status).toBe(200)
    expect((await desk(conversation(key) + '/claim', { body: { agent: 'bob' } })).status).toBe(409)
    expect((await desk(conversation(key) + '/messages', { body: { text: 'Hello Kerry, Ada here.' } })).status).toBe(200)
    const [reply] = (await graph.waitForRequests(4)).slice(3)
    expect(reply.path).toBe('/v21.0/106540352242922/messages')
    expect(reply.headers.authorization).toBe('Bearer test-access-token')
    expect(reply.json).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: WA_ID, type: 'text', text: { body: 'Hello Kerry, Ada here.', preview_url: false } })

    expect((await desk(conversation(key) + '/resolve', { body: { resumeAt: 'help-menu' } })).status).toBe(200)
    await graph.waitForRequests(5)
    expect((graph.requests[4].json as { interactive: { body: { text: string } } }).interactive.body.text).toBe('How can I help?')
    await post(messagesEnvelope([buttonReply('wamid.in.4', 'order', 'My order', at + 3000)]))
    await graph.waitForRequests(6)
    expect((graph.requests[5].json as { text: { body: string } }).text.body).toContain('https://shop.example/track')
  })
})

describe('desk access', () => {
  it('refuses every desk endpoint without the token (401), and unknown conversations are 404', async () => {
    const { runtime, desk } = await setup()
    const anonymous = deskClient(runtime.url, null)
    const wrong = deskClient(runtime.url, 'not-the-token')
    const id = conversation('webchat:example-shop:nobody')
    for (const client of [anonymous, wrong]) {
      for (const [path, body] of [['/conversations'], ['/queues'], [id], [id + '/claim', { agent: 'eve' }], [id + '/messages', { text: 'hi' }], [id + '/notes', { text: 'x' }], [id + '/resolve', {}]] as [string, unknown?][]) {
        const answer = await client(path, body === undefined ? {} : { body })
        expect(answer.status, path).toBe(401)
      }
    }
    expect((await desk(id)).status).toBe(404)
    expect((await desk(id + '/claim', { body: { agent: 'ada' } })).status).toBe(404)
    expect((await desk(id + '/resolve', { body: {} })).status).toBe(404)
  })
})

describe('agent desk and phone calls', () => {
  it('lists a waiting call but refuses typed replies: voice calls are transferred with Enqueue/Dial', async () => {
    const flow = {
      id: 'phone-desk', name: 'Phone desk', version: 1, channels: ['voice'], languages: ['en'], defaultLanguage: 'en', start: 'to-people',
      nodes: [
        { id: 'to-people', type: 'handoff', queue: 'phones', priority: 7, exits: { resolved: 'bye' } },
        { id: 'bye', type: 'end', text: 'Goodbye.' },
      ],
    }
    const runtime = await startTestRuntime({ flows: [flow] })
    open.push(runtime)
    const desk = deskClient(runtime.url)
    const ref = { channel: 'voice' as const, address: '+15550001111', contact: '+15550002222' }
    await runtime.host.receive({ ref, event: { type: 'conversation-started', at: Date.now() } })
    const [call] = (await desk('/conversations')).body.conversations
    expect(call).toMatchObject({ channel: 'voice', queue: 'phones', priority: 7, status: 'queued' })
    expect((await desk(conversation(call.id) + '/claim', { body: { agent: 'ada' } })).status).toBe(200)
    const refused = await desk(conversation(call.id) + '/messages', { body: { text: 'hello' } })
    expect(refused).toEqual({ status: 409, body: { error: 'voice', message: 'voice calls are transferred with Enqueue/Dial' } })
    expect((await runtime.store.transcript(call.id)).some((l) => l.from === 'agent')).toBe(false)
  })
})

describe('SLA ladder under a test clock', () => {
  it('alerts, then escalates to the supervisors queue, in order; the webhooks hear both; the desk shows the state', async () => {
    let now = Date.UTC(2026, 2, 2, 9, 0, 0)
    const { runtime, desk, hooks } = await setup({ clock: () => now })
    const chat = await openChat(runtime.url)
    track(chat.customer)
    chat.customer.send({ type: 'message', text: 'real person' })
    await chat.customer.turn()
    const [queued] = (await desk('/conversations')).body.conversations
    expect(queued.sla).toEqual({ state: 'ok', alertAt: now + 120_000, escalateAt: now + 300_000 })

    now += 60_000
    await runtime.host.tick()
    await runtime.host.idle()
    expect((await desk('/conversations')).body.conversations[0]).toMatchObject({ waitingSeconds: 60, sla: { state: 'ok' } })
    expect(hooks.requests.filter((r) => r.path === '/sla')).toEqual([])

    now += 61_000
    await runtime.host.tick()
    await runtime.host.idle()
    await hooks.waitForRequests(3)
    expect((await desk('/conversations')).body.conversations[0]).toMatchObject({ waitingSeconds: 121, sla: { state: 'alerted' } })
    expect((await desk('/queues')).body.queues).toEqual([{ queue: 'support-tier1', queued: 1, active: 0, longestWaitSeconds: 121, breaches: 0, alerts: 1 }])

    // The "waited 3 minutes" rule thanks the customer, who keeps their place, the alert and the escalation time.
    now += 60_000
    await runtime.host.tick()
    await runtime.host.idle()
    expect(await chat.customer.messages(1)).toEqual(["Thanks for waiting. You're next in line, and a colleague will be with you shortly."])
    const enqueuedAt = queued.enqueuedAt
    expect((await desk('/conversations')).body.conversations[0]).toMatchObject({ queue: 'support-tier1', enqueuedAt, waitingSeconds: 181, sla: { state: 'alerted', escalateAt: enqueuedAt + 300_000 } })

    now += 120_000
    await runtime.host.tick()
    await runtime.host.idle()
    expect(await chat.customer.messages(2)).toEqual(["Sorry for the wait. I'm passing you to a supervisor.", 'A supervisor will answer you shortly.'])
    const [escalated] = (await desk('/conversations')).body.conversations
    // The supervisors' service level counts from the escalation, due at 5 minutes (the timer's time, whatever the tick's delay).
    const escalatedAt = enqueuedAt + 300_000
    expect(escalated).toMatchObject({ id: chat.key, queue: 'supervisors', priority: 10, tier: 2, waitingSeconds: 0, sla: { state: 'ok', alertAt: escalatedAt + 300_000, escalateAt: escalatedAt + 900_000 } })

    const sla = hooks.requests.filter((r) => r.path === '/sla').map((r) => r.json as { queue: string; waitedSeconds: number })
    expect(sla).toEqual([
      { queue: 'support-tier1', conversation: expect.any(String), node: 'tier1', waitedSeconds: 120 },
      { queue: 'support-tier1', conversation: expect.any(String), node: 'tier1', waitedSeconds: 300 },
    ])
    const generic = hooks.requests.filter((r) => r.path === '/handoff').map((r) => r.json as { event: string; queue: string })
    expect(generic.map((e) => `${e.event}:${e.queue}`)).toEqual(['handoff:support-tier1', 'sla-alert:support-tier1', 'sla-escalated:support-tier1', 'handoff:supervisors'])
  })

  it('a claim stops the SLA clock: no alert or escalation while an agent talks to the customer', async () => {
    let now = Date.UTC(2026, 2, 2, 9, 0, 0)
    const { runtime, desk, hooks } = await setup({ clock: () => now })
    const chat = await openChat(runtime.url)
    track(chat.customer)
    chat.customer.send({ type: 'message', text: 'agent' })
    await chat.customer.turn()
    now += 30_000
    await desk(conversation(chat.key) + '/claim', { body: { agent: 'ada' } })
    now += 600_000
    await runtime.host.tick()
    await runtime.host.idle()
    await settle()
    expect(hooks.requests.filter((r) => r.path === '/sla')).toEqual([])
    expect((await desk('/conversations')).body.conversations[0]).toMatchObject({ status: 'active', agent: 'ada', queue: 'support-tier1', waitingSeconds: 30, sla: { state: 'ok' } })
  })

  it('a restart during the wait (SQLite) keeps the conversation queued with its SLA, and the alert still fires', async () => {
    let now = Date.UTC(2026, 2, 2, 9, 0, 0)
    const hooks = await startRecorder({ status: 200, body: {} })
    const graph = await startRecorder(graphOk)
    open.push(hooks, graph)
    const first = await setup({ clock: () => now, store: 'sqlite', hooks, graph })
    const chat = await openChat(first.runtime.url)
    chat.customer.send({ type: 'message', text: 'operator' })
    await chat.customer.turn()
    const before = (await first.desk('/conversations')).body.conversations
    expect(before).toHaveLength(1)
    chat.customer.close()
    const dir = first.runtime.dir
    open.splice(open.indexOf(first.runtime), 1)
    await first.runtime.close({ keepDir: true })

    now += 90_000
    const second = await setup({ clock: () => now, store: 'sqlite', dir, hooks, graph })
    const after = (await second.desk('/conversations')).body.conversations
    expect(after).toEqual([{ ...before[0], waitingSeconds: 90 }])
    const detail = (await second.desk(conversation(chat.key))).body
    expect(detail.transcript.map((l: { text: string }) => l.text)).toContain('operator')

    now += 31_000
    await second.runtime.host.tick()
    await second.runtime.host.idle()
    await hooks.waitForRequests(3)
    expect(hooks.requests.filter((r) => r.path === '/sla').map((r) => (r.json as { waitedSeconds: number }).waitedSeconds)).toEqual([120])
    expect((await second.desk('/conversations')).body.conversations[0].sla.state).toBe('alerted')
  })
})
