/**
 * Shared by the desk tests (integration and browser): the example escalation policy with its
 * supervisor webhooks pointed at a local recorder, a web chat customer on a real socket, and a
 * small client for the desk API.
 */
import { WebSocket } from 'ws'
import example from '../../examples/escalation-policy.flow.json' with { type: 'json' }

/**
 * The example escalation policy, its webhooks sent to `hookUrl` (a local recorder): SLA alerts to
 * /sla, the "tell the supervisors" node to /escalation. Its outside-hours rule is left out: these
 * tests run on the wall clock, at any hour (the rule has transcripts and engine tests of its own).
 */
export function escalationPolicy(hookUrl: string) {
  const flow = structuredClone(example) as typeof example & { nodes: { notify?: string; url?: string; type: string }[] }
  for (const node of flow.nodes) {
    if ('notify' in node && node.notify) node.notify = `${hookUrl}/sla`
    if (node.type === 'notify') node.url = `${hookUrl}/escalation`
  }
  flow.triggers = flow.triggers.filter((t) => t.when !== 'outside-hours')
  return flow
}

/**
 * The escalation policy with skills routing on the help menu: "Personal service" goes to the VIP desk
 * (queue vip, priority 9, skills vip) and "Return in Italian" to an Italian returns desk (queue
 * returns, priority 6, skills italian + returns); "Talk to a person" stays tier 1 (no skills).
 */
export function skillsPolicy(hookUrl: string) {
  const flow = escalationPolicy(hookUrl) as ReturnType<typeof escalationPolicy> & { nodes: Record<string, unknown>[] }
  const menu = flow.nodes.find((n) => n.id === 'help-menu') as unknown as { options: object[]; exits: Record<string, string> }
  menu.options.push({ id: 'vip', label: { en: 'Personal service', it: 'Servizio personale' } }, { id: 'reso', label: { en: 'Return in Italian', it: 'Reso in italiano' } })
  menu.exits.vip = 'vip-desk'
  menu.exits.reso = 'returns-it'
  flow.nodes.push({
    id: 'returns-it', type: 'handoff', name: 'Italian returns', queue: 'returns', priority: 6, skills: ['italian', 'returns'],
    text: { en: 'A colleague who speaks Italian will help you with the return.', it: 'Un collega ti aiuterà con il reso.' },
    closedText: { en: 'Thanks for your patience!', it: 'Grazie per la pazienza!' },
    exits: { resolved: 'goodbye', escalate: 'supervisor' }, position: { x: 640, y: 1120 },
  })
  return flow
}

export type Frame = { type: string; [field: string]: unknown }

/** A web chat customer: keeps every frame; waits for the next one of a type. */
export class ChatCustomer {
  frames: Frame[] = []
  private read = 0
  private waiters: (() => void)[] = []
  closed = false
  readonly socket: WebSocket

  constructor(url: string) {
    this.socket = new WebSocket(url.replace(/^http/, 'ws') + '/webchat')
    this.socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)))
      this.wake()
    })
    this.socket.on('close', () => {
      this.closed = true
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
    this.socket.send(JSON.stringify(frame))
  }
  /** The next unread frame of one of these types. */
  async next(...types: string[]): Promise<Frame> {
    for (;;) {
      while (this.read < this.frames.length) {
        const frame = this.frames[this.read++]
        if (types.includes(frame.type)) return frame
      }
      if (this.closed) throw new Error(`socket closed before ${types.join('/')}`)
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
  }
  /** Message texts until the typing indicator goes off (one bot turn). */
  async turn(): Promise<string[]> {
    const texts: string[] = []
    for (;;) {
      const frame = await this.next('message', 'typing')
      if (frame.type === 'message') texts.push(String(frame.text))
      else if (frame.on === false) return texts
    }
  }
  /** The texts of the next `count` messages (pushed outside a customer turn: agent replies, resolve, timers). */
  async messages(count: number): Promise<string[]> {
    const texts: string[] = []
    while (texts.length < count) texts.push(String((await this.next('message')).text))
    return texts
  }
  /** Unread frames of a type, without waiting. */
  unread(type: string): Frame[] {
    return this.frames.slice(this.read).filter((f) => f.type === type)
  }
  close() {
    this.socket.close()
  }
}

/** Opens a web chat conversation: hello, the session id, the opening turn. */
export async function openChat(url: string, siteKey = 'example-shop') {
  const customer = new ChatCustomer(url)
  await customer.opened()
  customer.send({ type: 'hello', siteKey })
  const session = String((await customer.next('session')).id)
  await customer.next('history')
  const opening = await customer.turn()
  return { customer, session, key: `webchat:${siteKey}:${session}`, opening }
}

/** The desk API with a token (or none). */
export function deskClient(baseUrl: string, token: string | null = 'test-token') {
  return async function desk<T = any>(path: string, options: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
    const response = await fetch(`${baseUrl}/api/desk${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: { ...(token !== null && { authorization: `Bearer ${token}` }), ...(options.body !== undefined && { 'content-type': 'application/json' }) },
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    })
    return { status: response.status, body: (await response.json()) as T }
  }
}

export const conversation = (id: string) => `/conversations/${encodeURIComponent(id)}`
