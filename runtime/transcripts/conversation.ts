/**
 * A tiny in-memory host for one conversation: it keeps the session, the clock and the timers the
 * engine asked for, and fires due timers when time moves on. `switchboard test` drives it with the
 * transcript's fixed clock; `switchboard chat` with the wall clock. Effects (HTTP) stay with the caller.
 */
import type { Action, ChannelName, Contact, EngineEvent, Flow, Session } from '../../schemas/nodes/step.ts'
import { advance, type FlowLookup, type PathStep } from '../engine/advance.ts'
import { createSession } from '../engine/session.ts'

/** An engine event before the host stamps it with the time. */
export type Input = EngineEvent extends infer E ? (E extends EngineEvent ? Omit<E, 'at'> : never) : never

export interface ConversationInit {
  channel: ChannelName
  contact: Contact
  /** Epoch milliseconds at which the conversation starts. */
  at: number
  variables?: Record<string, unknown>
  /** Receives every node entered, exit taken and trigger fired (for coverage); optional. */
  path?: PathStep[]
}

export interface Conversation {
  readonly session: Session
  /** The host's clock, epoch milliseconds. */
  readonly now: number
  /** Sends one event at the current time; returns the actions it produced. */
  send(input: Input): Action[]
  /** Moves the clock to `time`, firing every timer due by then in order (each at its own time). */
  advanceTo(time: number): Action[]
  /** When the next pending timer is due, if any. */
  nextTimer(): number | undefined
}

export function startConversation(flow: Flow, lookup: FlowLookup, init: ConversationInit): Conversation {
  let session = createSession(flow, { id: 'conversation', ...init })
  let now = init.at
  const timers = new Map<string, number>()

  function send(input: Input): Action[] {
    const result = advance(lookup, session, { ...input, at: now } as EngineEvent, init.path)
    session = result.session
    for (const action of result.actions) {
      if (action.type === 'start-timer') timers.set(action.timer, action.at)
      if (action.type === 'cancel-timer') timers.delete(action.timer)
    }
    return result.actions
  }

  function due(time: number): [string, number] | undefined {
    let first: [string, number] | undefined
    for (const entry of timers) if (entry[1] <= time && (!first || entry[1] < first[1])) first = entry
    return first
  }

  function advanceTo(time: number): Action[] {
    const actions: Action[] = []
    for (let timer = due(time); timer; timer = due(time)) {
      timers.delete(timer[0])
      now = Math.max(now, timer[1])
      actions.push(...send({ type: 'timer-fired', timer: timer[0] }))
    }
    now = Math.max(now, time)
    return actions
  }

  return {
    get session() {
      return session
    },
    get now() {
      return now
    },
    send,
    advanceTo,
    nextTimer: () => (timers.size ? Math.min(...timers.values()) : undefined),
  }
}

/** Whether a flow starts before anyone speaks on this channel (a phone call, a proactive flow). */
export const startsWithConversation = (flow: Flow, channel: ChannelName) => channel === 'voice' || flow.proactive === true
