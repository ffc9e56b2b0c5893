/**
 * Human queues: what the host writes when the engine hands a conversation off, and what the desk
 * reads (SLA state, waiting time, per-queue figures). Pure functions of entries and a clock value;
 * the host commits the entries with the session (store.ts `Commit.queue`).
 */
import type { Action, HandOffAction, NotifyAction, Session } from '../../schemas/nodes/step.ts'
import { missingSkills } from './agents.ts'
import type { ConversationRef, QueueEntry } from './store.ts'

export type SlaState = 'ok' | 'alerted' | 'breached'

/** The queue change one engine turn makes: a new entry on hand-off, removal when the conversation leaves the hand-off. */
export function queueChange(input: {
  key: string
  ref: ConversationRef
  before: Session['status'] | undefined
  session: Session
  actions: readonly Action[]
  existing?: QueueEntry
  now: number
  /** When the event happened (a timer's due time), which the engine's SLA timers count from; defaults to now. */
  at?: number
}): { put: QueueEntry } | { remove: true } | undefined {
  const { key, ref, before, session, actions, existing, now, at = now } = input
  const handOff = actions.findLast((a): a is HandOffAction => a.type === 'hand-off')
  if (handOff && session.status === 'handoff') return { put: entryFor(key, ref, session, handOff, now, at, existing) }
  if (before === 'handoff' && session.status !== 'handoff') return { remove: true }
  const alert = actions.find((a): a is NotifyAction => a.type === 'notify' && a.event === 'sla-alert')
  if (alert && existing && session.status === 'handoff') return { put: { ...existing, alertedAt: now } }
  return undefined
}

function entryFor(key: string, ref: ConversationRef, session: Session, action: HandOffAction, now: number, at: number, previous?: QueueEntry): QueueEntry {
  const { contact } = session
  // Back to the same queue (a "sorry for the wait" rule, then the same hand-off): the customer keeps their place.
  const samePlace = previous?.status === 'queued' && previous.queue === action.queue
  const tier = !previous ? 1 : previous.queue === action.queue ? (previous.tier ?? 1) : (previous.tier ?? 1) + 1
  return {
    key,
    ref,
    channel: ref.channel,
    contact: {
      id: contact.id,
      ...(typeof contact.name === 'string' && { name: contact.name }),
      ...(typeof contact.phone === 'string' && { phone: contact.phone }),
      language: session.language,
    },
    flow: session.flow,
    node: action.node ?? session.node ?? '',
    queue: action.queue,
    priority: action.priority,
    skills: [...action.skills],
    summary: action.summary,
    variables: structuredClone(action.variables),
    enqueuedAt: samePlace ? previous.enqueuedAt : now,
    tier,
    // The deadlines are the engine's timers, which count from the event's time.
    ...(action.alertAfterSeconds !== undefined && { alertAt: at + action.alertAfterSeconds * 1000 }),
    // The same wait goes on: an alert that already fired (so the hand-off did not ask for another) stays on record.
    ...(samePlace && action.alertAfterSeconds === undefined && previous.alertAt !== undefined && { alertAt: previous.alertAt }),
    ...(samePlace && previous.alertedAt !== undefined && { alertedAt: previous.alertedAt }),
    ...(action.escalateAfterSeconds !== undefined && { escalateAt: at + action.escalateAfterSeconds * 1000 }),
    status: 'queued',
    // An escalation to the next tier is a new wait in a new queue; the notes travel with it either way.
    notes: previous?.notes ? [...previous.notes] : [],
  }
}

/** ok before the alert deadline, alerted after it (or once the alert fired), breached past the escalate deadline. Claimed conversations stop the clock. */
export function slaState(entry: QueueEntry, now: number): SlaState {
  const at = entry.claimedAt ?? now
  if (entry.escalateAt !== undefined && at >= entry.escalateAt) return 'breached'
  if (entry.alertedAt !== undefined || (entry.alertAt !== undefined && at >= entry.alertAt)) return 'alerted'
  return 'ok'
}

/** Seconds the customer has waited for a person: until the claim, or until now. */
export const waitingSeconds = (entry: QueueEntry, now: number) => Math.max(0, Math.floor(((entry.claimedAt ?? now) - entry.enqueuedAt) / 1000))

/** One line of the desk's list. */
export function deskListItem(entry: QueueEntry, now: number) {
  return {
    id: entry.key,
    channel: entry.channel,
    contact: entry.contact,
    queue: entry.queue,
    priority: entry.priority,
    /** 1 in the first queue, 2 after one escalation to the next tier, and so on. */
    tier: entry.tier ?? 1,
    skills: entry.skills,
    status: entry.status,
    ...(entry.agent && { agent: entry.agent }),
    enqueuedAt: entry.enqueuedAt,
    waitingSeconds: waitingSeconds(entry, now),
    sla: { state: slaState(entry, now), ...(entry.alertAt !== undefined && { alertAt: entry.alertAt }), ...(entry.escalateAt !== undefined && { escalateAt: entry.escalateAt }) },
  }
}
export type DeskListItem = ReturnType<typeof deskListItem>

/** Waiting conversations first by priority (highest), then by how long they waited (longest). */
export function byUrgency(a: QueueEntry, b: QueueEntry): number {
  return b.priority - a.priority || a.enqueuedAt - b.enqueuedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
}

export interface QueueFigures {
  queue: string
  queued: number
  active: number
  /** Longest wait among the queued conversations, in seconds (0 when none waits). */
  longestWaitSeconds: number
  /** Queued or active conversations whose SLA is breached / alerted. */
  breaches: number
  alerts: number
}

/** The supervisor's view: per queue, how many wait, how many are with an agent, the longest wait, SLA trouble. */
export function queueFigures(entries: readonly QueueEntry[], now: number): QueueFigures[] {
  const byQueue = new Map<string, QueueFigures>()
  for (const entry of entries) {
    if (entry.status === 'resolved') continue
    const figures = byQueue.get(entry.queue) ?? { queue: entry.queue, queued: 0, active: 0, longestWaitSeconds: 0, breaches: 0, alerts: 0 }
    byQueue.set(entry.queue, figures)
    if (entry.status === 'queued') {
      figures.queued++
      figures.longestWaitSeconds = Math.max(figures.longestWaitSeconds, waitingSeconds(entry, now))
    } else figures.active++
    const state = slaState(entry, now)
    if (state === 'breached') figures.breaches++
    if (state === 'alerted') figures.alerts++
  }
  return [...byQueue.values()].sort((a, b) => (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0))
}

/** Queued conversations an agent with these skills may take, most urgent first: the order "take next" tries them in. */
export function eligibleQueued(entries: readonly QueueEntry[], skills: readonly string[]): QueueEntry[] {
  return entries.filter((e) => e.status === 'queued' && missingSkills(e.skills, skills).length === 0).sort(byUrgency)
}
