/**
 * The host: the only part of the runtime that does I/O around the pure engine. For each event it
 * loads the conversation, runs advance(), commits session + outbox + timers + transcript in one
 * store transaction, then executes the effects (channel sends, HTTP calls, notifications, timers).
 * Per-conversation ordering comes from a keyed queue; durability from the store (see store.ts).
 */
import type { Action, CallHttpAction, EngineEvent, Flow, NotifyAction, Session } from '../../schemas/nodes/step.ts'
import { advance } from '../engine/advance.ts'
import { createSession } from '../engine/session.ts'
import type { Catalog } from './catalog.ts'
import { createKeyedQueue } from './ordering.ts'
import { createTimerScheduler } from './timers.ts'
import { conversationKey, type ContactRecord, type ConversationRef, type OutboundRecord, type Store, type TimerRecord, type TranscriptEntry } from './store.ts'

export interface ChannelAdapter {
  /** Pure: actions -> provider payloads for the outbox. `held` payloads are kept but not sent (e.g. outside WhatsApp's 24-hour window). */
  translate(actions: Action[], context: { ref: ConversationRef; session: Session; contact?: ContactRecord; now: number }): { payloads: unknown[]; held?: { payload: unknown; reason: string }[] }
  /** I/O: delivers one payload; throws to have it retried later. */
  send(record: OutboundRecord): Promise<{ providerId?: string }>
}

export interface HttpResult {
  status: number
  body?: unknown
  error?: string
}

export interface HostEffects {
  http(action: CallHttpAction): Promise<HttpResult>
  notify?(action: NotifyAction, context: { ref: ConversationRef; session: Session }): Promise<void>
}

/** Hooks for metrics and logs; every one optional. */
export interface HostObserver {
  inbound?(ref: ConversationRef, event: EngineEvent): void
  actions?(ref: ConversationRef, actions: Action[], session: Session): void
  sent?(record: OutboundRecord): void
  failed?(record: OutboundRecord, error: unknown): void
  unrouted?(ref: ConversationRef): void
  error?(error: unknown, context: string): void
}

export interface ReceiveInput {
  ref: ConversationRef
  event: EngineEvent
  /** Provider message id: makes redeliveries answer once. */
  inboundId?: string
  /** Already persisted by accept() (webhooks persist before answering 200). */
  accepted?: boolean
  /** Contact fields known from the channel (name, language). */
  contact?: { name?: string; language?: string; phone?: string }
  /** Start this flow rather than the routed one (proactive messages). */
  flowId?: string
  variables?: Record<string, unknown>
  /** A timer that fired: removed from the store in the same commit. */
  firedTimer?: string
}

export interface Processed {
  duplicate?: boolean
  unrouted?: boolean
  session?: Session
  /** Every action produced, including those after HTTP calls settled (voice renders them all at once). */
  actions: Action[]
}

export interface HostOptions {
  store: Store
  catalog: Catalog
  channels: Partial<Record<ConversationRef['channel'], ChannelAdapter>>
  effects: HostEffects
  clock?: () => number
  observer?: HostObserver
}

const said = (a: Action) => (a.type === 'say' || a.type === 'ask' || a.type === 'record' ? a.text : a.type === 'send-template' ? a.fallbackText : undefined)
const customerText = (e: EngineEvent) =>
  e.type === 'message-received' ? e.text ?? e.choice ?? e.digits ?? (e.media ? `[${e.media.kind}]` : e.location ? '[location]' : '') : undefined

export function createHost(options: HostOptions) {
  const { store, catalog, channels, effects, observer = {} } = options
  const clock = options.clock ?? Date.now
  const queue = createKeyedQueue()
  const sends = createKeyedQueue()
  const scheduler = createTimerScheduler(clock, (t) => fireTimer(t))

  const rootFlow = (s: Session) => s.stack[0]?.flow ?? s.flow
  const lookupFor = (s: Session) => (id: string): Flow | undefined => catalog.get(id, id === rootFlow(s) ? s.flowVersion : undefined)

  async function accept(input: ReceiveInput): Promise<boolean> {
    if (!input.inboundId) return true
    return store.acceptInbound({ id: input.inboundId, key: conversationKey(input.ref), ref: input.ref, event: input.event, receivedAt: clock() })
  }

  function receive(input: ReceiveInput): Promise<Processed> {
    const key = conversationKey(input.ref)
    return queue.run(key, async () => {
      if (input.inboundId && !input.accepted && !(await accept(input))) return { duplicate: true, actions: [] }
      const all: Action[] = []
      let step = await processOne(key, input)
      all.push(...step.actions)
      // HTTP calls settle inside the conversation's turn: the customer's next message waits for the answer.
      while (step.http && step.session) {
        const result = await runHttp(step.http)
        step = await processOne(key, { ref: input.ref, event: { type: 'http-responded', at: clock(), request: step.http.action.request, ...result } })
        all.push(...step.actions)
      }
      return { ...step, actions: all }
    })
  }

  async function runHttp(record: { id: string; action: CallHttpAction }): Promise<HttpResult> {
    let result: HttpResult
    try {
      result = await effects.http(record.action)
    } catch (error) {
      result = { status: 0, error: (error as Error).message }
    }
    await store.updateOutbound(record.id, { status: 'sent', attempts: 1 })
    return result
  }

  async function processOne(key: string, input: ReceiveInput): Promise<Processed & { http?: { id: string; action: CallHttpAction } }> {
    const { ref, event } = input
    const now = clock()
    observer.inbound?.(ref, event)
    const contact = await store.getContact(ref.channel, ref.contact)
    let session = await store.getSession(key)
    const opening = event.type === 'message-received' || event.type === 'conversation-started'
    if (!session || (session.status === 'ended' && opening)) {
      const flow = input.flowId ? catalog.active(input.flowId) : catalog.route(ref.channel, ref.address)
      if (!flow || !opening) {
        if (!flow) observer.unrouted?.(ref)
        if (input.inboundId) await store.finishInbound(input.inboundId)
        if (input.firedTimer) await store.deleteTimer(key, input.firedTimer)
        return { unrouted: !flow, actions: [] }
      }
      session = createSession(flow, {
        id: `${key}@${now}`,
        channel: ref.channel,
        at: event.at,
        contact: { id: ref.contact, ...input.contact, ...contact?.fields },
        variables: input.variables,
      })
    }
    if (contact?.optedOut) session.contact.optedOut = true
    const result = advance(lookupFor(session), session, event)
    const next = result.session
    const actions = result.actions
    observer.actions?.(ref, actions, next)

    let seq = 0
    const outboxId = () => `${key}#${next.seq}.${seq++}`
    const outbound: OutboundRecord[] = []
    const adapter = channels[ref.channel]
    if (adapter) {
      // The message being answered opens the customer-service window (WhatsApp's 24 hours) already.
      const seen = event.type === 'message-received' ? { channel: ref.channel, id: ref.contact, ...contact, lastInboundAt: event.at } : contact
      const translated = adapter.translate(actions, { ref, session: next, contact: seen, now })
      for (const payload of translated.payloads) outbound.push({ id: outboxId(), key, ref, payload, createdAt: now, status: 'pending', attempts: 0 })
      for (const h of translated.held ?? []) outbound.push({ id: outboxId(), key, ref, payload: h.payload, createdAt: now, status: 'held', attempts: 0, error: h.reason })
    }
    let http: { id: string; action: CallHttpAction } | undefined
    for (const action of actions) {
      if (action.type !== 'call-http' && action.type !== 'notify') continue
      const record: OutboundRecord = { id: outboxId(), key, ref, payload: { effect: action.type, action }, createdAt: now, status: 'pending', attempts: 0 }
      outbound.push(record)
      if (action.type === 'call-http') http = { id: record.id, action }
    }
    const timersStarted: TimerRecord[] = actions.flatMap((a) => (a.type === 'start-timer' ? [{ timer: a.timer, key, ref, at: a.at }] : []))
    const timersCancelled = [...actions.flatMap((a) => (a.type === 'cancel-timer' ? [a.timer] : [])), ...(input.firedTimer ? [input.firedTimer] : [])]
    const transcript: TranscriptEntry[] = []
    const heard = customerText(event)
    if (heard !== undefined) transcript.push({ key, at: now, from: 'customer', text: heard })
    for (const a of actions) {
      const text = said(a)
      if (text !== undefined) transcript.push({ key, at: now, from: 'bot', text, node: a.node, data: a.type === 'ask' && a.options ? { options: a.options } : undefined })
    }

    await store.commit({ key, ref, session: next, inboundId: input.inboundId, outbound, transcript, timersStarted, timersCancelled })
    if (event.type === 'message-received' || actions.some((a) => a.type === 'opt-out')) {
      await store.putContact({ channel: ref.channel, id: ref.contact, ...contact, ...(event.type === 'message-received' && { lastInboundAt: event.at }), ...(next.contact.optedOut && { optedOut: true }) })
    }
    scheduler.cancel(key, timersCancelled)
    scheduler.add(timersStarted)
    for (const record of outbound) if (record.status === 'pending' && record !== undefined && (record.payload as { effect?: string }).effect !== 'call-http') dispatch(record)
    return { session: next, actions, http: next.wait?.kind === 'http' ? http : undefined }
  }

  /** Sends one outbox record in the background, in order per conversation. */
  function dispatch(record: OutboundRecord) {
    void sends.run(record.key, async () => {
      try {
        const payload = record.payload as { effect?: string; action?: NotifyAction }
        if (payload.effect === 'notify') {
          const session = await store.getSession(record.key)
          if (effects.notify && session) await effects.notify(payload.action!, { ref: record.ref, session })
          await store.updateOutbound(record.id, { status: 'sent', attempts: record.attempts + 1 })
          return
        }
        const adapter = channels[record.ref.channel]
        if (!adapter) return
        const { providerId } = await adapter.send(record)
        await store.updateOutbound(record.id, { status: 'sent', attempts: record.attempts + 1, ...(providerId && { providerId }) })
        observer.sent?.(record)
      } catch (error) {
        await store.updateOutbound(record.id, { status: 'failed', attempts: record.attempts + 1, error: (error as Error).message })
        observer.failed?.(record, error)
      }
    })
  }

  async function fireTimer(t: TimerRecord) {
    try {
      await receive({ ref: t.ref, event: { type: 'timer-fired', at: t.at, timer: t.timer }, firedTimer: t.timer })
    } catch (error) {
      observer.error?.(error, 'timer')
    }
  }

  /** After a start (or a crash): re-arm timers, replay accepted but unprocessed messages, finish the outbox. */
  async function recover() {
    await catalog.load()
    scheduler.add(await store.timers())
    for (const record of await store.pendingInbound()) await receive({ ref: record.ref, event: record.event, inboundId: record.id, accepted: true })
    for (const record of await store.pendingOutbound()) {
      const payload = record.payload as { effect?: string; action?: CallHttpAction }
      if (payload.effect !== 'call-http') dispatch(record)
      else
        void queue.run(record.key, async () => {
          const session = await store.getSession(record.key)
          if (session?.wait?.kind !== 'http' || session.wait.request !== payload.action!.request) return store.updateOutbound(record.id, { status: 'sent' })
          const result = await runHttp({ id: record.id, action: payload.action! })
          await processOne(record.key, { ref: record.ref, event: { type: 'http-responded', at: clock(), request: payload.action!.request, ...result } })
        })
    }
  }

  return {
    accept,
    receive,
    recover,
    /** Fires due timers now (tests with a manual clock). */
    tick: () => scheduler.tick(),
    async idle() {
      await queue.idle()
      await sends.idle()
    },
    async stop() {
      scheduler.stop()
      await queue.idle()
      await sends.idle()
    },
    store,
    catalog,
  }
}

export type Host = ReturnType<typeof createHost>
