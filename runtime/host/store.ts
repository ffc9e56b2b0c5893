/**
 * The one storage interface behind the runtime: memory (tests), SQLite (embedded default), Redis (scale-out).
 * Every method is async so a networked store fits. One shared suite (store.suite.ts) runs against each.
 * Durability rule: an inbound message is accepted (persisted) before the provider gets its 200, and the
 * result of processing it (session, outbox, timers) is committed in one transaction with its "processed" mark,
 * so a crash at any point either replays the message or has its whole effect — never half.
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
  /** The inbound message this commit finishes, marked processed atomically. */
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
  /** Writes one Commit atomically. Stores may write several commits of different conversations in one transaction (group commit); the promise resolves once this one is durable. */
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
