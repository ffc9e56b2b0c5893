/**
 * The host: the only part of the runtime that does I/O around the pure engine. For each event it
 * loads the conversation, runs advance(), commits session + outbox + timers + transcript in one
 * store transaction, then executes the effects (channel sends, HTTP calls, notifications, timers).
 * Per-conversation ordering comes from a keyed queue within the process; across runtimes sharing a
 * store, from optimistic concurrency: a commit carries the seq it read, a store refuses it when the
 * session moved on (StaleSessionError), and the host reads again and re-runs the event. Effects run
 * only after their commit, so a refused attempt has none. Durability comes from the store (store.ts).
 */
import type { Action, CallHttpAction, EngineEvent, Flow, NotifyAction, Session } from '../../schemas/nodes/step.ts'
import { advance } from '../engine/advance.ts'
import { createSession } from '../engine/session.ts'
import type { Catalog } from './catalog.ts'
import { createKeyedQueue } from './ordering.ts'
import { createTimerScheduler } from './timers.ts'
import { randomUUID } from 'node:crypto'
import { missingSkills } from './agents.ts'
import { deskListItem, queueChange } from './queues.ts'
import { conversationKey, StaleSessionError, type ContactRecord, type ConversationRef, type OutboundRecord, type QueueEntry, type Store, type TimerRecord, type TranscriptEntry } from './store.ts'

export interface ChannelAdapter {
  /** Pure: actions -> provider payloads for the outbox. `held` payloads are kept but not sent (e.g. outside WhatsApp's 24-hour window). */
  translate(actions: Action[], context: { ref: ConversationRef; session: Session; contact?: ContactRecord; now: number; from?: 'bot' | 'agent' }): { payloads: unknown[]; held?: { payload: unknown; reason: string }[] }
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
  /** A commit was refused as stale (another runtime on the same store got there first); the event is run again. */
  conflict?(ref: ConversationRef, attempt: number): void
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
  /** Generic hand-off webhook (SWITCHBOARD_HANDOFF_WEBHOOK): hears hand-off, claim, resolve and SLA events, through the notify effect. */
  handoffWebhook?: string
}

/** A desk request the conversation's state refuses: `status` is the HTTP status the desk API answers. */
export class DeskError extends Error {
  constructor(message: string, readonly status: 403 | 404 | 409, readonly code: string, readonly detail?: Record<string, unknown>) {
    super(message)
  }
}

const said = (a: Action) => (a.type === 'say' || a.type === 'ask' || a.type === 'record' ? a.text : a.type === 'send-template' ? a.fallbackText : undefined)
const customerText = (e: EngineEvent) =>
  e.type === 'message-received' ? e.text ?? e.choice ?? e.digits ?? (e.media ? `[${e.media.kind}]` : e.location ? '[location]' : '') : undefined

/** Field of a stored inbound event that carries ReceiveInput.contact until the message is processed. */
const replayContact = '_contact'

/**
 * How often one event is run again after its commit was refused as stale. Each refusal means another
 * commit of the conversation landed, so running out takes that many writes to one conversation during
 * one event: the error then goes up (a webhook's message stays pending, replayed at the next start).
 */
export const MAX_COMMIT_ATTEMPTS = 8

export function createHost(options: HostOptions) {
  const { store, catalog, channels, effects, observer = {} } = options
  const clock = options.clock ?? Date.now
  const queue = createKeyedQueue()
  const sends = createKeyedQueue()
  const scheduler = createTimerScheduler(clock, (t) => fireTimer(t))

  /** A short pause before running a refused event again, longer with each refusal and jittered, so two runtimes colliding part. */
  const backOff = (attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, attempt === 1 ? 0 : Math.random() * 5 * 2 ** Math.min(attempt, 6)))

  /** A conversation pinned to a flow version this runtime never loaded was started by another runtime after a deploy there: load the catalog again (at most once a second). */
  let refreshedAt = -Infinity
  async function refreshCatalog() {
    if (clock() - refreshedAt < 1000) return
    refreshedAt = clock()
    await catalog.load()
  }

  const rootFlow = (s: Session) => s.stack[0]?.flow ?? s.flow
  const lookupFor = (s: Session) => (id: string): Flow | undefined => catalog.get(id, id === rootFlow(s) ? s.flowVersion : undefined)

  async function accept(input: ReceiveInput): Promise<boolean> {
    if (!input.inboundId) return true
    // The channel's contact fields (the WhatsApp profile name) travel with the stored event, so a replay after a crash greets the customer alike.
    const event = input.contact ? { ...input.event, [replayContact]: input.contact } : input.event
    return store.acceptInbound({ id: input.inboundId, key: conversationKey(input.ref), ref: input.ref, event, receivedAt: clock() })
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

  type Step = Processed & { http?: { id: string; action: CallHttpAction } }

  /** Runs one event: read, advance, commit; again from a fresh read when the commit is refused as stale. */
  async function processOne(key: string, input: ReceiveInput): Promise<Step> {
    observer.inbound?.(input.ref, input.event)
    for (let attempt = 1; ; attempt++) {
      try {
        return await attemptOne(key, input)
      } catch (error) {
        if (!(error instanceof StaleSessionError)) throw error
        // the message was applied by another runtime (a replay raced a live one): once is enough
        if (error.reason === 'processed') return { duplicate: true, actions: [] }
        if (attempt >= MAX_COMMIT_ATTEMPTS) throw error
        observer.conflict?.(input.ref, attempt)
        await backOff(attempt)
      }
    }
  }

  /** Runs a desk operation's read-modify-commit again when its commit is refused as stale. */
  async function retrying<T>(ref: ConversationRef, work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work()
      } catch (error) {
        if (!(error instanceof StaleSessionError) || attempt >= MAX_COMMIT_ATTEMPTS) throw error
        observer.conflict?.(ref, attempt)
        await backOff(attempt)
      }
    }
  }

  async function attemptOne(key: string, input: ReceiveInput): Promise<Step> {
    const { ref, event } = input
    const now = clock()
    const contact = await store.getContact(ref.channel, ref.contact)
    let session = await store.getSession(key)
    const read = session ? session.seq : null
    // A timer the session no longer holds was fired (or cancelled) elsewhere: another runtime on the same store got it first.
    if (input.firedTimer && session && !(input.firedTimer in session.timers)) {
      await store.deleteTimer(key, input.firedTimer)
      return { session, actions: [] }
    }
    if (session && !catalog.get(rootFlow(session), session.flowVersion)) await refreshCatalog()
    const before = session?.status
    const opening = event.type === 'message-received' || event.type === 'conversation-started'
    if (!session || (session.status === 'ended' && opening)) {
      const flow = input.flowId ? catalog.active(input.flowId) : catalog.route(ref.channel, ref.address)
      if (!flow || !opening) {
        if (!flow) observer.unrouted?.(ref)
        if (input.inboundId) await store.finishInbound(input.inboundId)
        if (input.firedTimer) await store.deleteTimer(key, input.firedTimer)
        return { unrouted: !flow, actions: [] }
      }
      const ended = session
      session = createSession(flow, {
        id: `${key}@${now}`,
        channel: ref.channel,
        at: event.at,
        contact: { id: ref.contact, ...input.contact, ...contact?.fields },
        variables: input.variables,
      })
      // A new conversation with the same customer goes on counting: outbox, timer and web chat frame ids come from seq and must not repeat the last one's.
      if (ended) session.seq = ended.seq
    }
    if (contact?.optedOut) session.contact.optedOut = true
    const result = advance(lookupFor(session), session, event)
    const next = result.session
    const actions = result.actions

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
    // The human queue: an entry on hand-off, removed when the conversation leaves it; both in this commit.
    let queueUpdate: ReturnType<typeof queueChange>
    if (before === 'handoff' || next.status === 'handoff') {
      const existing = await store.getQueueEntry(key)
      queueUpdate = queueChange({ key, ref, before, session: next, actions, existing, now, at: event.at })
      const hook = handoffHook(queueUpdate, existing, actions, now)
      for (const action of hook) outbound.push({ id: outboxId(), key, ref, payload: { effect: 'notify', action }, createdAt: now, status: 'pending', attempts: 0 })
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

    // The contact's last inbound time and opt-out go in the same transaction: one write per message.
    const contactUpdate: ContactRecord | undefined =
      event.type === 'message-received' || actions.some((a) => a.type === 'opt-out')
        ? { channel: ref.channel, id: ref.contact, ...contact, ...(event.type === 'message-received' && { lastInboundAt: event.at }), ...(next.contact.optedOut && { optedOut: true }) }
        : undefined
    await store.commit({ key, ref, session: next, expectedSeq: read, inboundId: input.inboundId, outbound, transcript, timersStarted, timersCancelled, ...(queueUpdate && { queue: queueUpdate }), ...(contactUpdate && { contact: contactUpdate }) })
    observer.actions?.(ref, actions, next)
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

  /** The generic hand-off webhook's notifications for one queue change (none without SWITCHBOARD_HANDOFF_WEBHOOK). */
  function handoffHook(change: ReturnType<typeof queueChange>, existing: QueueEntry | undefined, actions: Action[], now: number): NotifyAction[] {
    const url = options.handoffWebhook
    if (!url) return []
    const out: NotifyAction[] = []
    // The flow's SLA events are hand-off events too; a Notify node's message goes only where the flow sends it.
    for (const a of actions) if (a.type === 'notify' && (a.event === 'sla-alert' || a.event === 'sla-escalated') && a.url !== url) out.push({ ...a, url, body: { event: a.event, ...a.body } })
    // Back in the same queue, keeping the place (a queue-wait rule's detour), is not a new hand-off.
    const samePlace = existing?.status === 'queued' && change && 'put' in change && change.put.queue === existing.queue
    if (change && 'put' in change && !samePlace && actions.some((a) => a.type === 'hand-off')) out.push(webhookEvent('handoff', change.put, now, { summary: change.put.summary, variables: change.put.variables }))
    if (change && 'remove' in change && existing) out.push(webhookEvent('handoff-resolved', existing, now))
    return out
  }

  function webhookEvent(event: NotifyAction['event'], entry: QueueEntry, now: number, extra: Record<string, unknown> = {}): NotifyAction {
    return { type: 'notify', event, url: options.handoffWebhook, body: { event, conversation: entry.key, ...deskListItem(entry, now), ...extra, at: now } }
  }

  /** Runs a desk operation in the conversation's turn, with its queue entry and session. */
  function withEntry<T>(ref: ConversationRef, work: (entry: QueueEntry, session: Session, key: string) => Promise<T>): Promise<T> {
    const key = conversationKey(ref)
    return queue.run(key, () =>
      retrying(ref, async () => {
        const entry = await store.getQueueEntry(key)
        const session = await store.getSession(key)
        if (!entry || !session || session.status !== 'handoff') throw new DeskError('This conversation is not waiting for a person.', 404, 'not-queued')
        return work(entry, session, key)
      }),
    )
  }

  /**
   * An agent takes a queued conversation: it becomes active, the SLA timers of its hand-off stop, the webhook hears it.
   * With `skills` (the agent's), a conversation needing a skill the agent lacks is refused (403 `skills`); the check runs
   * in the conversation's turn, so an escalation that changed the needed skills meanwhile is seen.
   */
  function claim(ref: ConversationRef, agent: string, check: { skills?: readonly string[] } = {}): Promise<QueueEntry> {
    return withEntry(ref, async (entry, session, key) => {
      if (entry.agent && entry.agent !== agent) throw new DeskError(`${entry.agent} already has this conversation.`, 409, 'claimed')
      if (entry.agent === agent) return entry
      const missing = check.skills ? missingSkills(entry.skills, check.skills) : []
      if (missing.length) throw new DeskError(`This conversation needs the skill${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which ${agent} does not have.`, 403, 'skills', { missing })
      const now = clock()
      const claimed: QueueEntry = { ...entry, status: 'active', agent, claimedAt: now }
      // The customer no longer waits: the hand-off's SLA ladder (alert, escalate) stops here.
      const sla = Object.keys(session.timers).filter((t) => t.split('/')[1] === session.node)
      // a new seq: the session's version moves, so a commit computed before the claim (another runtime) is refused
      const next: Session = { ...session, seq: session.seq + 1, timers: Object.fromEntries(Object.entries(session.timers).filter(([t]) => !sla.includes(t))) }
      const outbound: OutboundRecord[] = options.handoffWebhook
        ? [{ id: `${key}#claim-${randomUUID()}`, key, ref, payload: { effect: 'notify', action: webhookEvent('handoff-claimed', claimed, now, { agent }) }, createdAt: now, status: 'pending', attempts: 0 }]
        : []
      await store.commit({ key, ref, session: next, expectedSeq: session.seq, outbound, transcript: [{ key, at: now, from: 'system', text: `${agent} joined the conversation` }], timersStarted: [], timersCancelled: sla, queue: { put: claimed } })
      scheduler.cancel(key, sla)
      for (const record of outbound) dispatch(record)
      return claimed
    })
  }

  /** An internal note on a queued or active conversation; the customer never sees it. */
  function note(ref: ConversationRef, text: string, agent?: string): Promise<QueueEntry> {
    return withEntry(ref, async (entry, session, key) => {
      const next: QueueEntry = { ...entry, notes: [...entry.notes, { at: clock(), ...(agent && { agent }), text }] }
      // a commit with the session (new seq), not a bare put: a turn computed from the entry before the note cannot drop it
      await store.commit({ key, ref, session: { ...session, seq: session.seq + 1 }, expectedSeq: session.seq, outbound: [], transcript: [], timersStarted: [], timersCancelled: [], queue: { put: next } })
      return next
    })
  }

  /**
   * An agent writes to the customer on the customer's own channel: a `say` translated by the channel
   * adapter into the outbox, and an 'agent' line in the transcript, in one commit; then it is sent.
   */
  function agentSay(ref: ConversationRef, text: string, agent?: string): Promise<{ delivered: number }> {
    return withEntry(ref, async (entry, session, key) => {
      if (entry.agent && agent && entry.agent !== agent) throw new DeskError(`${entry.agent} has this conversation.`, 409, 'claimed')
      const adapter = channels[ref.channel]
      if (!adapter) throw new DeskError('voice calls are transferred with Enqueue/Dial', 409, 'voice')
      const now = clock()
      const contact = await store.getContact(ref.channel, ref.contact)
      const translated = adapter.translate([{ type: 'say', text }], { ref, session, contact, now, from: 'agent' })
      const id = randomUUID()
      const outbound: OutboundRecord[] = [
        ...translated.payloads.map((payload, n): OutboundRecord => ({ id: `${key}#agent-${id}.${n}`, key, ref, payload, createdAt: now, status: 'pending', attempts: 0 })),
        ...(translated.held ?? []).map((h, n): OutboundRecord => ({ id: `${key}#agent-${id}.h${n}`, key, ref, payload: h.payload, createdAt: now, status: 'held', attempts: 0, error: h.reason })),
      ]
      // the session is written as read (an agent's message changes nothing in it), checked against its seq
      await store.commit({ key, ref, session, expectedSeq: session.seq, outbound, transcript: [{ key, at: now, from: 'agent', text, ...(agent && { data: { agent } }) }], timersStarted: [], timersCancelled: [] })
      for (const record of outbound) if (record.status === 'pending') dispatch(record)
      return { delivered: outbound.filter((r) => r.status === 'pending').length }
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
    // The outbox as the crash left it, read before the replay below adds (and dispatches) replies of its own, which would otherwise go twice.
    const outbox = await store.pendingOutbound()
    const replays = await store.pendingInbound()
    for (const record of outbox) {
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
    for (const record of replays) {
      const { [replayContact]: contact, ...event } = record.event as EngineEvent & { [replayContact]?: ReceiveInput['contact'] }
      await receive({ ref: record.ref, event: event as EngineEvent, inboundId: record.id, accepted: true, ...(contact && { contact }) })
    }
  }

  return {
    accept,
    receive,
    recover,
    claim,
    note,
    agentSay,
    /** The agent gives the conversation back: the bot continues at `resumeAt`, or through the hand-off's resolved exit. */
    resolve: (ref: ConversationRef, resumeAt?: string) => receive({ ref, event: { type: 'handoff-ended', at: clock(), ...(resumeAt && { resumeAt }) } }),
    /** Resolves once every send queued so far for the conversation is done (web chat turns its typing indicator off then). */
    delivered: (key: string): Promise<void> => sends.run(key, async () => {}),
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
