/**
 * One customer's web chat socket: hello (open or resume a session), then messages into the host.
 * Frames are handled one at a time in arrival order; a bad frame gets an error frame and the
 * socket stays open. The customer is anonymous: the random session id is the only credential.
 */
import { randomBytes } from 'node:crypto'
import type { WebSocket } from 'ws'
import type { EngineEvent } from '../../../schemas/nodes/step.ts'
import { webchatInbound } from '../../channels/webchat/inbound.ts'
import type { ServerFrame } from '../../channels/webchat/protocol.ts'
import type { Catalog } from '../../host/catalog.ts'
import type { Host } from '../../host/host.ts'
import { conversationKey, type ConversationRef, type Store } from '../../host/store.ts'
import type { Logger } from '../logger.ts'
import { historyFrame, type CustomerFrame, type ErrorFrame, type HistoryFrame } from './frames.ts'
import type { WebchatHub } from './hub.ts'

export interface WebchatLimits {
  /** Largest frame accepted; a larger one closes the socket with 1009 (message too big). */
  maxFrameBytes: number
  /** Frames a socket may send in a burst, and the milliseconds to earn one more. */
  burst: number
  refillMs: number
  /** Keepalive: ping every pingMs; a socket that has not answered the previous ping is dropped. */
  pingMs: number
}

export const defaultWebchatLimits: WebchatLimits = { maxFrameBytes: 16 * 1024, burst: 12, refillMs: 750, pingMs: 30_000 }

export interface WebchatDeps {
  host: Host
  catalog: Catalog
  store: Store
  hub: WebchatHub
  clock: () => number
  logger: Logger
  limits: WebchatLimits
}

type OutFrame = ServerFrame | ErrorFrame | HistoryFrame | CustomerFrame

const sessionPattern = /^[A-Za-z0-9_-]{16,64}$/
/** Site keys are whatever a flow binds (any printable text); session ids are ours, so keys stay unambiguous. */
export const siteKeyPattern = /^[^\u0000-\u001f\u007f]{1,200}$/
const newSessionId = () => randomBytes(18).toString('base64url')

/** Returns the handler the route calls for every accepted socket; `busy` counts turns in flight per conversation (for typing). */
export function createWebchatConnections(deps: WebchatDeps) {
  const { host, catalog, store, hub, clock, logger, limits } = deps
  const busy = new Map<string, number>()

  /** Runs one turn with the typing indicator on for every tab of the conversation. */
  async function turn(ref: ConversationRef, event: EngineEvent, inboundId?: string) {
    const key = conversationKey(ref)
    busy.set(key, (busy.get(key) ?? 0) + 1)
    hub.broadcast(key, { type: 'typing', on: true })
    try {
      const result = await host.receive({ ref, event, ...(inboundId && { inboundId }) })
      // the turn's frames leave through the host's send queue: the indicator goes off after them, whatever the store's latency
      await host.delivered(key)
      return result
    } finally {
      const left = (busy.get(key) ?? 1) - 1
      if (left) busy.set(key, left)
      else busy.delete(key)
      setImmediate(() => {
        if (!busy.has(key)) hub.broadcast(key, { type: 'typing', on: false })
      })
    }
  }

  return function accept(socket: WebSocket) {
    let ref: ConversationRef | undefined
    let tokens = limits.burst
    let refilledAt = clock()
    let chain = Promise.resolve()
    const send = (frame: OutFrame) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame))
    }
    const refuse = (code: ErrorFrame['code'], message: string) => send({ type: 'error', code, message })

    const allowed = () => {
      const now = clock()
      tokens = Math.min(limits.burst, tokens + (now - refilledAt) / limits.refillMs)
      refilledAt = now
      if (tokens < 1) return false
      tokens--
      return true
    }

    async function hello(siteKey: string | undefined, stored: string | undefined) {
      if (ref) return refuse('bad-frame', 'hello was already said on this socket')
      if (!siteKey) return refuse('site-key-required', 'hello needs the siteKey of the chat (the data-site-key of the widget)')
      if (!siteKeyPattern.test(siteKey)) return refuse('unknown-site', `no chat is published for site key ${JSON.stringify(siteKey.slice(0, 100))}`)
      const resumed = stored && sessionPattern.test(stored) ? await store.getSession(conversationKey({ channel: 'webchat', address: siteKey, contact: stored })) : undefined
      if (!resumed && !catalog.route('webchat', siteKey)) {
        refuse('unknown-site', `no chat is published for site key ${JSON.stringify(siteKey)}`)
        return socket.close(4404, 'unknown site')
      }
      ref = { channel: 'webchat', address: siteKey, contact: resumed ? stored! : newSessionId() }
      const key = conversationKey(ref)
      hub.join(key, socket)
      send({ type: 'session', id: ref.contact })
      send(historyFrame(resumed ? await store.transcript(key) : []))
      if (resumed?.status === 'ended') send({ type: 'ended' })
      if (busy.has(key)) send({ type: 'typing', on: true })
      if (!resumed) await opened(await turn(ref, { type: 'conversation-started', at: clock() }))
    }

    async function opened(result: Awaited<ReturnType<typeof turn>>) {
      if (result.unrouted) refuse('unknown-site', `no chat is published for site key ${JSON.stringify(ref!.address)}`)
    }

    async function handle(data: string) {
      const frame = webchatInbound(data, clock())
      if ('error' in frame) return refuse('bad-frame', frame.error)
      if (frame.type === 'hello') return hello(frame.siteKey, frame.session)
      if (!ref) return refuse('hello-first', 'say hello before sending messages')
      const { event } = frame
      let inboundId: string | undefined
      if (event.type === 'message-received') {
        hub.broadcast(conversationKey(ref), { type: 'customer', text: event.text ?? event.choice ?? '', ...(event.messageId && { echo: event.messageId }) }, socket)
        if (event.messageId) inboundId = `${conversationKey(ref)}/${event.messageId.slice(0, 64)}`
      }
      await opened(await turn(ref, event, inboundId))
    }

    socket.on('message', (data, isBinary) => {
      if (isBinary) return refuse('bad-frame', 'frames are JSON text, not binary')
      if (!allowed()) return refuse('rate-limited', 'too many frames; wait a moment and send again')
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8')
      chain = chain.then(() => handle(text)).catch((error: unknown) => {
        logger.error({ err: error, site: ref?.address }, 'web chat frame failed')
        refuse('internal', 'something went wrong on our side; please try again')
      })
    })
    socket.on('close', () => {
      if (ref) hub.leave(conversationKey(ref), socket)
    })
    socket.on('error', (error) => logger.warn({ err: error, site: ref?.address }, 'web chat socket error'))
  }
}
