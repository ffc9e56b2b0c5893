/**
 * Web chat end to end over real sockets: `ws` clients against a runtime on 127.0.0.1 port 0,
 * the web shop flow bound to site key "northwind".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import flow from '../../runtime/server/webchat/testdata/web-shop.flow.json' with { type: 'json' }
import { startTestRuntime, waitUntil, type TestRuntime } from './helpers/index.ts'

type Frame = { type: string; [field: string]: unknown }

/** A customer's socket that keeps every frame and lets a test wait for the next one of a type. */
class Client {
  frames: Frame[] = []
  private read = 0
  private waiters: (() => void)[] = []
  closed?: { code: number; reason: string }
  readonly socket: WebSocket

  constructor(url: string) {
    this.socket = new WebSocket(url.replace(/^http/, 'ws') + '/webchat')
    this.socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)))
      this.wake()
    })
    this.socket.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) }
      this.wake()
    })
  }
  private wake() {
    for (const w of this.waiters.splice(0)) w()
  }
  async opened() {
    if (this.socket.readyState !== WebSocket.OPEN) await new Promise((resolve) => this.socket.once('open', resolve))
  }
  send(frame: unknown) {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
  }
  /** The next unread frame of this type (frames of other types before it are skipped). */
  async next(type: string): Promise<Frame> {
    for (;;) {
      while (this.read < this.frames.length) {
        const frame = this.frames[this.read++]
        if (frame.type === type) return frame
      }
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) before a ${type} frame`)
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
  }
  /** Bot messages until (and including) the typing indicator going off. */
  async turn(): Promise<Frame[]> {
    const messages: Frame[] = []
    for (;;) {
      const frame = await this.nextOf(['message', 'typing'])
      if (frame.type === 'message') messages.push(frame)
      else if (frame.on === false) return messages
    }
  }
  private async nextOf(types: string[]): Promise<Frame> {
    for (;;) {
      while (this.read < this.frames.length) {
        const frame = this.frames[this.read++]
        if (types.includes(frame.type)) return frame
      }
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) before ${types.join('/')}`)
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
  }
  async waitClosed() {
    while (!this.closed) await new Promise<void>((resolve) => this.waiters.push(resolve))
    return this.closed
  }
  close() {
    this.socket.close()
  }
}

let runtime: TestRuntime
let clients: Client[] = []

async function start(store: 'memory' | 'sqlite', clock?: () => number) {
  runtime = await startTestRuntime({ flows: [flow], store, ...(clock && { clock }) })
}

async function connect(): Promise<Client> {
  const client = new Client(runtime.url)
  clients.push(client)
  await client.opened()
  return client
}

/** A new conversation: hello, the session id, an empty history and the opening turn. */
async function newConversation() {
  const client = await connect()
  client.send({ type: 'hello', siteKey: 'northwind' })
  const session = String((await client.next('session')).id)
  expect((await client.next('history')).messages).toEqual([])
  return { client, session, opening: await client.turn() }
}

beforeEach(() => {
  clients = []
})
afterEach(async () => {
  for (const c of clients) c.close()
  await runtime?.close()
})

describe.each(['memory', 'sqlite'] as const)('web chat socket (%s store)', (store) => {
  beforeEach(() => start(store))

  it('greets a new visitor with quick replies, under a fresh unguessable session id', async () => {
    const { session, opening } = await newConversation()
    expect(session).toMatch(/^[A-Za-z0-9_-]{24}$/)
    expect(opening.map((m) => m.text)).toEqual(["Hi! I'm the Northwind assistant.", 'What can I help you with?'])
    expect(opening[1].quickReplies).toEqual([
      { id: 'track', label: 'Track my order' },
      { id: 'shipping', label: 'Shipping times' },
      { id: 'bye', label: 'Nothing, thanks' },
    ])
    const other = await newConversation()
    expect(other.session).not.toBe(session)
  })

  it('answers a quick reply with the next message, and typed text too', async () => {
    const { client } = await newConversation()
    client.send({ type: 'message', choice: 'track', text: 'Track my order', echo: 'c1' })
    expect((await client.turn()).map((m) => m.text)).toEqual(["What's your order number?"])
    client.send({ type: 'message', text: '4711', echo: 'c2' })
    const reply = await client.turn()
    expect(reply.map((m) => m.text)).toEqual(['Order 4711 left our roastery and arrives on Thursday.', 'What can I help you with?'])
  })

  it('restores the history on a reconnect with the same session id, and the conversation continues', async () => {
    const first = await newConversation()
    first.client.send({ type: 'message', choice: 'shipping', text: 'Shipping times' })
    await first.client.turn()
    first.client.close()
    await first.client.waitClosed()

    const again = await connect()
    again.send({ type: 'hello', siteKey: 'northwind', session: first.session })
    expect((await again.next('session')).id).toBe(first.session)
    const history = (await again.next('history')).messages as Frame[]
    expect(history.map((m) => [m.from, m.text])).toEqual([
      ['bot', "Hi! I'm the Northwind assistant."],
      ['bot', 'What can I help you with?'],
      ['customer', 'Shipping times'],
      ['bot', 'We ship in 2 working days, free above €30.'],
      ['bot', 'What can I help you with?'],
    ])
    expect(history[4].quickReplies).toHaveLength(3)

    again.send({ type: 'message', choice: 'bye', text: 'Nothing, thanks' })
    expect((await again.turn()).map((m) => m.text)).toEqual(['Thanks for visiting, bye!'])
    expect(again.frames.some((f) => f.type === 'ended')).toBe(true)
  })

  it('keeps what the bot says while no socket is open, for the next hello', async () => {
    const { client, session } = await newConversation()
    client.send({ type: 'message', choice: 'shipping', text: 'Shipping times' })
    client.close()
    const key = `webchat:northwind:${session}`
    await waitUntil(async () => (await runtime.store.transcript(key)).length === 5, 'the answer in the transcript')
    await runtime.host.idle()
    const again = await connect()
    again.send({ type: 'hello', siteKey: 'northwind', session })
    const history = (await again.next('history')).messages as Frame[]
    expect(history.at(-2)?.text).toBe('We ship in 2 working days, free above €30.')
  })

  it('starts a new conversation when the stored session id is unknown or malformed', async () => {
    for (const session of ['x'.repeat(24), '../../etc', 'short']) {
      const client = await connect()
      client.send({ type: 'hello', siteKey: 'northwind', session })
      expect((await client.next('session')).id).not.toBe(session)
      expect((await client.turn())[0].text).toBe("Hi! I'm the Northwind assistant.")
    }
  })

  it('pushes bot messages to every tab of the conversation and echoes the customer to the others', async () => {
    const { client: tab1, session } = await newConversation()
    const tab2 = await connect()
    tab2.send({ type: 'hello', siteKey: 'northwind', session })
    await tab2.next('history')
    tab1.send({ type: 'message', choice: 'shipping', text: 'Shipping times', echo: 'c9' })
    expect(await tab2.next('customer')).toEqual({ type: 'customer', text: 'Shipping times', echo: 'c9' })
    expect((await tab2.turn())[0].text).toBe('We ship in 2 working days, free above €30.')
    expect((await tab1.turn())[0].text).toBe('We ship in 2 working days, free above €30.')
    expect(tab1.frames.some((f) => f.type === 'customer')).toBe(false)
  })

  it('answers a malformed frame with an error frame and keeps the socket open', async () => {
    const { client } = await newConversation()
    for (const bad of ['{not json', '[1,2]', JSON.stringify({ type: 'dance' }), JSON.stringify({ type: 'message' })]) {
      client.send(bad)
      expect(await client.next('error')).toMatchObject({ code: 'bad-frame' })
    }
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true })
    expect(await client.next('error')).toMatchObject({ code: 'bad-frame' })
    client.send({ type: 'message', choice: 'shipping', text: 'Shipping times' })
    expect((await client.turn())[0].text).toBe('We ship in 2 working days, free above €30.')
  })

  it('wants a hello with a known site key first', async () => {
    const early = await connect()
    early.send({ type: 'message', text: 'hi' })
    expect(await early.next('error')).toMatchObject({ code: 'hello-first' })
    early.send({ type: 'hello' })
    expect(await early.next('error')).toMatchObject({ code: 'site-key-required' })

    const stranger = await connect()
    stranger.send({ type: 'hello', siteKey: 'somebody-else' })
    expect(await stranger.next('error')).toMatchObject({ code: 'unknown-site' })
    expect((await stranger.waitClosed()).code).toBe(4404)
  })

  it('refuses an oversized frame by closing the socket (1009), and nothing reaches the host', async () => {
    const { client, session } = await newConversation()
    client.send({ type: 'message', text: 'a'.repeat(17 * 1024) })
    expect((await client.waitClosed()).code).toBe(1009)
    const transcript = await runtime.store.transcript(`webchat:northwind:${session}`)
    expect(transcript.filter((t) => t.from === 'customer')).toEqual([])
  })

  it('serves the widget script and the demo page', async () => {
    const widget = await fetch(`${runtime.url}/webchat/widget.js`)
    expect(widget.status).toBe(200)
    expect(widget.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(await widget.text()).toContain('attachShadow')
    const demo = await (await fetch(`${runtime.url}/webchat/demo`)).text()
    expect(demo).toContain('src="/webchat/widget.js" data-site-key="northwind"')
    const escaped = await (await fetch(`${runtime.url}/webchat/demo?site=%22%3E%3Cscript%3E`)).text()
    expect(escaped).toContain('data-site-key="&#34;&#62;&#60;script&#62;"')
  })
})

describe('web chat rate limit', () => {
  it('refuses frames beyond the burst while the clock stands still, keeping the socket open', async () => {
    let now = Date.UTC(2025, 0, 6, 9)
    await start('memory', () => now)
    const { client } = await newConversation()
    for (let i = 0; i < 14; i++) client.send({ type: 'close-me-not' })
    const errors: Frame[] = []
    for (let i = 0; i < 14; i++) errors.push(await client.next('error'))
    const limited = errors.filter((e) => e.code === 'rate-limited').length
    expect(limited).toBeGreaterThan(0)
    expect(limited).toBeLessThan(14)
    now += 60_000
    client.send({ type: 'message', choice: 'shipping', text: 'Shipping times' })
    expect((await client.turn())[0].text).toBe('We ship in 2 working days, free above €30.')
  })
})
