/** Record builders shared by the store suite and the kill -9 child process (which must not import vitest). */
import type { Session } from '../../../../schemas/nodes/step.ts'
import { conversationKey, type Commit, type ConversationRef, type InboundRecord, type OutboundRecord } from '../../store.ts'

export const refOf = (contact: string): ConversationRef => ({ channel: 'whatsapp', address: '1000', contact })

export function sessionOf(contact: string, patch: Partial<Session> = {}): Session {
  return {
    id: `s-${contact}`,
    channel: 'whatsapp',
    flow: 'demo',
    flowVersion: 1,
    status: 'waiting',
    node: 'menu',
    wait: { kind: 'reply' },
    nodeState: { attempts: 1 },
    noMatch: 0,
    stack: [],
    vars: { order: { number: 'AB123456' } },
    contact: { id: contact },
    language: 'en',
    timers: {},
    firedTriggers: [],
    seq: 1,
    startedAt: 1000,
    updatedAt: 1000,
    ...patch,
  }
}

export function inboundOf(id: string, contact = 'c1', at = 1000): InboundRecord {
  const ref = refOf(contact)
  return { id, key: conversationKey(ref), ref, event: { type: 'message-received', at, text: `hello ${id}` }, receivedAt: at }
}

export function outboundOf(id: string, contact = 'c1', patch: Partial<OutboundRecord> = {}): OutboundRecord {
  const ref = refOf(contact)
  return { id, key: conversationKey(ref), ref, payload: { to: contact, text: { body: `reply ${id}` } }, createdAt: 1000, status: 'pending', attempts: 0, ...patch }
}

export function commitOf(contact: string, patch: Partial<Commit> = {}): Commit {
  const ref = refOf(contact)
  const key = conversationKey(ref)
  return { key, ref, session: sessionOf(contact), outbound: [], transcript: [], timersStarted: [], timersCancelled: [], ...patch }
}

