/**
 * Agent presence for the desk: who is signed in, whether they take work (`available` / `away`),
 * and which skills they have. Agents announce themselves (PUT /api/desk/agents/:name); the desk page
 * repeats the announcement as a heartbeat. An agent not heard from for `offlineAfterMs` (60 s by
 * default, measured on the injected clock) counts as `offline`.
 *
 * Presence is held in memory on purpose: it is lost on a restart and re-announced by each page's
 * next heartbeat (which carries the status and the skills again). The queues themselves live in the
 * store and are never touched here.
 */
import type { Flow } from '../../schemas/nodes/step.ts'
import type { QueueEntry } from './store.ts'

export type AgentStatus = 'available' | 'away' | 'offline'
/** What an agent may set; `offline` is a sign-out. */
export type DeclaredStatus = AgentStatus

export interface AgentUpdate {
  status?: DeclaredStatus
  skills?: string[]
}

export interface AgentView {
  name: string
  /** Effective status: `offline` once the agent has not been seen for the heartbeat window, or after signing out. */
  status: AgentStatus
  skills: string[]
  /** Conversations this agent has claimed and not resolved. */
  active: number
  /** Epoch ms of the last announcement or heartbeat; null for an agent known only from a claimed conversation. */
  lastSeen: number | null
}

interface Presence {
  name: string
  declared: DeclaredStatus
  skills: string[]
  lastSeen: number
}

export const OFFLINE_AFTER_MS = 60_000
/** Agents unseen this long (and holding no conversation) drop out of the list. */
const FORGET_AFTER_MS = 24 * 3600_000
export const MAX_AGENT_NAME = 64
export const MAX_SKILL = 40
export const MAX_SKILLS = 50

// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u001f\u007f]/

/** Why an agent name is refused, or undefined when it is fine. */
export function agentNameProblem(name: string): string | undefined {
  if (!name.trim()) return 'The agent name is empty.'
  if (name !== name.trim()) return 'The agent name may not start or end with spaces.'
  if (name.length > MAX_AGENT_NAME) return `The agent name is longer than ${MAX_AGENT_NAME} characters.`
  if (controls.test(name)) return 'The agent name may not contain control characters.'
  return undefined
}

/** Checks a PUT /agents/:name body: `{status?: available|away|offline, skills?: string[]}` and nothing else. */
export function parseAgentUpdate(body: unknown): { update: AgentUpdate } | { problem: string } {
  if (body === undefined || body === null) return { update: {} }
  if (typeof body !== 'object' || Array.isArray(body)) return { problem: 'The body must be a JSON object: {"status"?: "available" | "away", "skills"?: ["…"]}.' }
  const { status, skills, ...rest } = body as Record<string, unknown>
  const unknown = Object.keys(rest)
  if (unknown.length) return { problem: `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}: only "status" and "skills" may be set.` }
  const update: AgentUpdate = {}
  if (status !== undefined) {
    if (status !== 'available' && status !== 'away' && status !== 'offline') return { problem: '"status" must be "available", "away" or "offline" (signs out).' }
    update.status = status
  }
  if (skills !== undefined) {
    if (!Array.isArray(skills)) return { problem: '"skills" must be an array of strings, e.g. ["italian", "returns"].' }
    if (skills.length > MAX_SKILLS) return { problem: `"skills" may list at most ${MAX_SKILLS} skills.` }
    const seen = new Map<string, string>()
    for (const skill of skills) {
      if (typeof skill !== 'string' || !skill.trim()) return { problem: '"skills" must hold non-empty strings.' }
      const trimmed = skill.trim()
      if (trimmed.length > MAX_SKILL) return { problem: `The skill "${trimmed.slice(0, MAX_SKILL)}…" is longer than ${MAX_SKILL} characters.` }
      if (controls.test(trimmed)) return { problem: 'A skill may not contain control characters.' }
      if (!seen.has(trimmed.toLowerCase())) seen.set(trimmed.toLowerCase(), trimmed)
    }
    update.skills = [...seen.values()]
  }
  return { update }
}

/** The skills a conversation needs that the agent lacks (compared without regard to case); empty when the agent may take it. */
export function missingSkills(needed: readonly string[], has: readonly string[]): string[] {
  const own = new Set(has.map((s) => s.toLowerCase()))
  return needed.filter((s) => !own.has(s.toLowerCase()))
}

/** Every skill the deployed flows' hand-off nodes ask for, plus those of conversations waiting now, sorted. */
export function knownSkills(flows: readonly Flow[], entries: readonly QueueEntry[] = []): string[] {
  const skills = new Map<string, string>()
  const add = (s: string) => {
    if (!skills.has(s.toLowerCase())) skills.set(s.toLowerCase(), s)
  }
  for (const flow of flows) for (const node of flow.nodes) if (node.type === 'handoff') for (const s of (node as { skills?: string[] }).skills ?? []) add(s)
  for (const entry of entries) for (const s of entry.skills) add(s)
  return [...skills.values()].sort((a, b) => a.localeCompare(b))
}

const statusOrder: Record<AgentStatus, number> = { available: 0, away: 1, offline: 2 }

export function createAgentRegistry(clock: () => number, options: { offlineAfterMs?: number } = {}) {
  const offlineAfter = options.offlineAfterMs ?? OFFLINE_AFTER_MS
  const agents = new Map<string, Presence>()

  const effective = (p: Presence, now: number): AgentStatus => (p.declared === 'offline' || now - p.lastSeen >= offlineAfter ? 'offline' : p.declared)

  /** Sign-in, heartbeat or change: the agent is seen now; a first announcement without a status is `available`. */
  function announce(name: string, update: AgentUpdate): Presence {
    const previous = agents.get(name)
    const presence: Presence = {
      name,
      // A heartbeat after going offline (timed out) keeps the status the agent chose; one after signing out needs a status to come back.
      declared: update.status ?? (previous && previous.declared !== 'offline' ? previous.declared : 'available'),
      skills: update.skills ?? previous?.skills ?? [],
      lastSeen: clock(),
    }
    agents.set(name, presence)
    return presence
  }

  /** An agent's status and skills as they stand now (unknown agents are offline with no skills). */
  function get(name: string): { status: AgentStatus; skills: string[]; known: boolean } {
    const p = agents.get(name)
    return p ? { status: effective(p, clock()), skills: p.skills, known: true } : { status: 'offline', skills: [], known: false }
  }

  /** Everyone known, with their active conversation counts; agents holding conversations are listed even when never announced (e.g. after a restart). */
  function list(entries: readonly QueueEntry[]): AgentView[] {
    const now = clock()
    const active = new Map<string, number>()
    for (const e of entries) if (e.status === 'active' && e.agent) active.set(e.agent, (active.get(e.agent) ?? 0) + 1)
    const views: AgentView[] = []
    for (const p of agents.values()) {
      if (now - p.lastSeen >= FORGET_AFTER_MS && !active.has(p.name)) {
        agents.delete(p.name)
        continue
      }
      views.push({ name: p.name, status: effective(p, now), skills: [...p.skills], active: active.get(p.name) ?? 0, lastSeen: p.lastSeen })
    }
    for (const [name, count] of active) if (!agents.has(name)) views.push({ name, status: 'offline', skills: [], active: count, lastSeen: null })
    return views.sort((a, b) => statusOrder[a.status] - statusOrder[b.status] || a.name.localeCompare(b.name))
  }

  return { announce, get, list, view: (name: string, entries: readonly QueueEntry[]) => list(entries).find((a) => a.name === name) }
}

export type AgentRegistry = ReturnType<typeof createAgentRegistry>
