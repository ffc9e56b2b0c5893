/**
 * The one storage interface behind the runtime: memory (tests), SQLite (embedded default), Redis (scale-out).
 * Every method is async so a networked store fits. One shared suite (store.suite.ts) runs against each.
 * Durability rule: an inbound message is accepted (persisted) before the provider gets its 200, and the
 * result of processing it (session, outbox, timers) is committed in one transaction with its "processed" mark,
 * so a crash at any point either replays the message or has its whole effect — never half.
 *
 * Optimistic concurrency: several runtimes may share one store (Redis), so a commit carries the
 * `seq` of the session it was computed from (`Commit.expectedSeq`) and the store refuses it, with a
 * StaleSessionError and writing nothing, when the stored session moved on meanwhile, or when the
 * inbound message it finishes was already finished by another commit. The host then reads again and
 * re-runs the event. Every write of a session raises its seq (the engine per event, the host per desk
 * operation that changes it), so the seq is the session's version.
 */
import type { ChannelName, EngineEvent, Flow, Session } from '../../schemas/nodes/step.ts'

/** Identifies one conversation: channel, the business address (phone-number id, number, site key) and the customer. */
export interface ConversationRef {
  channel: ChannelName
  address: string
  contact: string
}
export const conversationKey = (ref: ConversationRef) => `${ref.channel}:${ref.address}:${ref.contact}`

export interface InboundRecord {
  /** Provider message id (wamid, CallSid + step) or a generated id; duplicates are refused. */
  id: string
  key: string
  ref: ConversationRef
  event: EngineEvent
  receivedAt: number
}

export interface OutboundRecord {
  id: string
  key: string
  ref: ConversationRef
  /** The provider payload, already translated by the channel. */
  payload: unknown
  createdAt: number
  status: 'pending' | 'sent' | 'failed' | 'held'
  attempts: number
  providerId?: string
  error?: string
}

export interface TimerRecord {
  /** The engine's timer id (unique within the conversation). */
  timer: string
  key: string
  ref: ConversationRef
  at: number
}

/** One line of a conversation's history, for the desk, web chat restore and reports. */
export interface TranscriptEntry {
  key: string
  at: number
  from: 'customer' | 'bot' | 'agent' | 'system'
  text: string
  node?: string
  data?: unknown
}

export interface ContactRecord {
  channel: ChannelName
  id: string
  optedOut?: boolean
  lastInboundAt?: number
  fields?: Record<string, unknown>
}

export interface FlowVersionRecord {
  id: string
  version: number
  flow: Flow
  deployedAt: number
  source: string
  active: boolean
}

/** An internal note an agent wrote on a queued conversation (never shown to the customer). */
export interface QueueNote {
  at: number
  agent?: string
  text: string
}

/**
 * A conversation handed to people: written in the same commit as the session that emitted the
 * hand-off, changed by the desk (claim, notes), removed when the conversation leaves the hand-off.
 */
export interface QueueEntry {
  key: string
  ref: ConversationRef
  channel: ChannelName
  contact: { id: string; name?: string; phone?: string; language?: string }
  flow: string
  /** The handoff node that queued the conversation. */
  node: string
  queue: string
  priority: number
  skills: string[]
  summary: string
  variables: Record<string, unknown>
  enqueuedAt: number
  /** 1 for the first queue; each escalation to another queue (the next tier) adds one. */
  tier?: number
  /** SLA deadlines (epoch ms), when the handoff node has them. */
  alertAt?: number
  escalateAt?: number
  /** When the SLA alert fired (the supervisor was told). */
  alertedAt?: number
  status: 'queued' | 'active' | 'resolved'
  agent?: string
  claimedAt?: number
  notes: QueueNote[]
}

export interface Commit {
  key: string
  ref: ConversationRef
  session: Session
  /**
   * The `seq` of the stored session this commit was computed from; `null` when there was none (a new
   * conversation: refused if one was stored meanwhile). A stored session with another seq refuses the
   * whole commit (StaleSessionError 'seq'). Absent: written without the check (stores' own tests and
   * tools that own the data); the host always sets it.
   */
  expectedSeq?: number | null
  /** The inbound message this commit finishes, marked processed atomically; a message already processed refuses the commit (StaleSessionError 'processed'). */
  inboundId?: string
  outbound: OutboundRecord[]
  transcript: TranscriptEntry[]
  timersStarted: TimerRecord[]
  timersCancelled: string[]
  /** The conversation's queue entry: put (insert or replace) or remove, atomically with the session. */
  queue?: { put: QueueEntry } | { remove: true }
  /** The contact as it stands after this event (last inbound time, opt-out): put (insert or replace) in the same transaction. */
  contact?: ContactRecord
}

/**
 * A commit computed from a state that is no longer the stored one: `seq` (another commit of the
 * conversation landed first, in this process or another runtime on the same store) or `processed`
 * (the inbound message it finishes was already processed). Nothing of the commit was written.
 */
export class StaleSessionError extends Error {
  override readonly name = 'StaleSessionError'
  constructor(
    readonly key: string,
    readonly reason: 'seq' | 'processed',
    /** For 'seq': the seq stored (null: no session), against the one the commit expected. */
    readonly stored?: number | null,
    readonly expected?: number | null,
  ) {
    super(reason === 'seq' ? `stale session ${key}: stored seq ${stored ?? 'none'}, commit computed from ${expected ?? 'none'}` : `inbound message of ${key} was already processed`)
  }
}

/** Checks a commit's expectedSeq against the stored seq (null: no session); the refusal, or undefined when it may be written. */
export function seqConflict(commit: Pick<Commit, 'key' | 'expectedSeq'>, stored: number | null): StaleSessionError | undefined {
  if (commit.expectedSeq === undefined || commit.expectedSeq === stored) return undefined
  return new StaleSessionError(commit.key, 'seq', stored, commit.expectedSeq)
}

export interface Store {
  /** Persists an inbound message; false when the same id was accepted before (a provider redelivery). */
  acceptInbound(record: InboundRecord): Promise<boolean>
  /** Marks an accepted message processed without a commit (nothing to do: no flow bound, ignored). */
  finishInbound(id: string): Promise<void>
  /** Accepted inbound messages not yet committed as processed, oldest first (replayed after a crash). */
  pendingInbound(): Promise<InboundRecord[]>
  /**
   * Forgets processed inbound messages received before `before` (epoch ms): their ids only guard
   * against provider redeliveries, which stop after days. Pending ones are never pruned. Returns how many went.
   */
  pruneInbound(before: number): Promise<number>
  /**
   * Writes one Commit atomically, or nothing: rejects with StaleSessionError when `expectedSeq` does not
   * match the stored session or `inboundId` was already processed. Stores may write several commits of
   * different conversations in one transaction (group commit); the promise resolves once this one is durable.
   */
  commit(commit: Commit): Promise<void>
  getSession(key: string): Promise<Session | undefined>
  /** Sessions currently open (not ended), for metrics and the desk. */
  openSessions(): Promise<{ key: string; ref: ConversationRef; session: Session }[]>
  pendingOutbound(): Promise<OutboundRecord[]>
  updateOutbound(id: string, patch: Partial<Pick<OutboundRecord, 'status' | 'attempts' | 'providerId' | 'error'>>): Promise<void>
  /** Records a delivery status (sent/delivered/read/failed) reported for a message we sent. */
  recordStatus(providerId: string, status: string, at: number, detail?: unknown): Promise<void>
  statuses(providerId: string): Promise<{ status: string; at: number }[]>
  timers(): Promise<TimerRecord[]>
  deleteTimer(key: string, timer: string): Promise<void>
  transcript(key: string): Promise<TranscriptEntry[]>
  /** Conversations in the human queues (queued and active), oldest first. */
  queueEntries(): Promise<QueueEntry[]>
  getQueueEntry(key: string): Promise<QueueEntry | undefined>
  /** Replaces a queue entry outside an engine commit (claim, notes). */
  putQueueEntry(entry: QueueEntry): Promise<void>
  getContact(channel: ChannelName, id: string): Promise<ContactRecord | undefined>
  putContact(contact: ContactRecord): Promise<void>
  saveFlowVersion(record: FlowVersionRecord): Promise<void>
  setActiveVersion(id: string, version: number): Promise<void>
  flowVersions(id?: string): Promise<FlowVersionRecord[]>
  close(): Promise<void>
}
