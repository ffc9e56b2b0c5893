/** The in-memory store: for tests and `switchboard chat`. Same semantics as the durable stores, no durability. */
import type { ChannelName, Session } from '../../../schemas/nodes/step.ts'
import { seqConflict, StaleSessionError, type Commit, type ContactRecord, type FlowVersionRecord, type InboundRecord, type OutboundRecord, type QueueEntry, type Store, type TimerRecord, type TranscriptEntry } from '../store.ts'

export function createMemoryStore(): Store {
  const inbound = new Map<string, InboundRecord & { processed: boolean }>()
  const sessions = new Map<string, { ref: Commit['ref']; session: Session }>()
  const outbound = new Map<string, OutboundRecord>()
  const statuses = new Map<string, { status: string; at: number }[]>()
  const timers = new Map<string, TimerRecord>()
  const transcripts = new Map<string, TranscriptEntry[]>()
  const contacts = new Map<string, ContactRecord>()
  const flows: FlowVersionRecord[] = []
  const queue = new Map<string, QueueEntry>()
  const copy = <T>(value: T): T => structuredClone(value)
  const timerKey = (key: string, timer: string) => `${key}\u0000${timer}`

  return {
    async acceptInbound(record) {
      if (inbound.has(record.id)) return false
      inbound.set(record.id, { ...copy(record), processed: false })
      return true
    },
    async finishInbound(id) {
      const record = inbound.get(id)
      if (record) record.processed = true
    },
    async pendingInbound() {
      return [...inbound.values()].filter((r) => !r.processed).map(({ processed: _, ...r }) => copy(r))
    },
    async pruneInbound(before) {
      let pruned = 0
      for (const [id, record] of inbound) if (record.processed && record.receivedAt < before && inbound.delete(id)) pruned++
      return pruned
    },
    async commit(commit) {
      // Copy everything first: a value that cannot be stored fails the whole commit, never half of it.
      const c = copy(commit)
      // Optimistic concurrency: checked before anything is written (store.ts).
      const conflict = seqConflict(c, sessions.get(c.key)?.session.seq ?? null)
      if (conflict) throw conflict
      const record = c.inboundId ? inbound.get(c.inboundId) : undefined
      if (record?.processed) throw new StaleSessionError(c.key, 'processed')
      sessions.set(c.key, { ref: c.ref, session: c.session })
      if (record) record.processed = true
      for (const o of c.outbound) outbound.set(o.id, o)
      if (c.transcript.length) transcripts.set(c.key, [...(transcripts.get(c.key) ?? []), ...c.transcript])
      for (const id of c.timersCancelled) timers.delete(timerKey(c.key, id))
      for (const t of c.timersStarted) timers.set(timerKey(t.key, t.timer), t)
      if (c.queue && 'put' in c.queue) {
        queue.delete(c.key)
        queue.set(c.key, c.queue.put)
      } else if (c.queue) queue.delete(c.key)
      if (c.contact) contacts.set(`${c.contact.channel}:${c.contact.id}`, c.contact)
    },
    async getSession(key) {
      return copy(sessions.get(key)?.session)
    },
    async openSessions() {
      return [...sessions.entries()].filter(([, v]) => v.session.status !== 'ended').map(([key, v]) => copy({ key, ...v }))
    },
    async pendingOutbound() {
      return [...outbound.values()].filter((o) => o.status === 'pending').map(copy)
    },
    async updateOutbound(id, patch) {
      const record = outbound.get(id)
      if (record) Object.assign(record, patch)
    },
    async recordStatus(providerId, status, at) {
      statuses.set(providerId, [...(statuses.get(providerId) ?? []), { status, at }])
    },
    async statuses(providerId) {
      return copy(statuses.get(providerId) ?? [])
    },
    async timers() {
      return [...timers.values()].map(copy)
    },
    async deleteTimer(key, timer) {
      timers.delete(timerKey(key, timer))
    },
    async transcript(key) {
      return copy(transcripts.get(key) ?? [])
    },
    async queueEntries() {
      return [...queue.values()].sort((a, b) => a.enqueuedAt - b.enqueuedAt).map(copy)
    },
    async getQueueEntry(key) {
      return copy(queue.get(key))
    },
    async putQueueEntry(entry) {
      queue.set(entry.key, copy(entry))
    },
    async getContact(channel: ChannelName, id: string) {
      return copy(contacts.get(`${channel}:${id}`))
    },
    async putContact(contact) {
      contacts.set(`${contact.channel}:${contact.id}`, copy(contact))
    },
    async saveFlowVersion(record) {
      flows.push(copy(record))
    },
    async setActiveVersion(id, version) {
      for (const f of flows) if (f.id === id) f.active = f.version === version
    },
    async flowVersions(id) {
      return flows.filter((f) => id === undefined || f.id === id).map(copy)
    },
    async close() {},
  }
}
