import type { ChannelName, Contact, Flow, Session } from '../../schemas/nodes/step.ts'

export interface SessionInit {
  id: string
  channel: ChannelName
  contact: Contact
  /** Epoch milliseconds; the session's clock starts here. */
  at: number
  variables?: Record<string, unknown>
}

/** Default values of the flow's declared variables. */
export function defaultVariables(flow: Flow): Record<string, unknown> {
  const vars: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(flow.variables ?? {})) if (spec && 'default' in spec) setPath(vars, name, structuredClone(spec.default))
  return vars
}

/** The language a conversation speaks: the contact's if the flow has it (or its base tag), else the flow's default. */
export function pickLanguage(flow: Flow, wanted: string | undefined): string {
  if (!wanted) return flow.defaultLanguage
  if (flow.languages.includes(wanted)) return wanted
  const base = wanted.split(/[-_]/)[0].toLowerCase()
  return flow.languages.find((l) => l === base || l.split('-')[0] === base) ?? flow.defaultLanguage
}

/** A new conversation on a flow, standing before its start node. */
export function createSession(flow: Flow, init: SessionInit): Session {
  return {
    id: init.id,
    channel: init.channel,
    flow: flow.id,
    flowVersion: flow.version,
    status: 'active',
    node: null,
    nodeState: {},
    noMatch: 0,
    stack: [],
    vars: { ...defaultVariables(flow), ...init.variables },
    contact: { ...init.contact },
    language: pickLanguage(flow, init.contact.language),
    timers: {},
    firedTriggers: [],
    seq: 0,
    startedAt: init.at,
    updatedAt: init.at,
  }
}

/** Writes a dotted path (order.status) into an object, creating the objects on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.')
  let cursor = target
  for (const part of parts.slice(0, -1)) {
    const next = cursor[part]
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cursor[part] = {}
    cursor = cursor[part] as Record<string, unknown>
  }
  cursor[parts[parts.length - 1]] = value
}
