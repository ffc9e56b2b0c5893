/** The desk API as the page uses it: Bearer token from sessionStorage, JSON in and out. */

export type SlaState = 'ok' | 'alerted' | 'breached'

export interface ListItem {
  id: string
  channel: 'whatsapp' | 'voice' | 'webchat'
  contact: { id: string; name?: string; phone?: string; language?: string }
  queue: string
  priority: number
  /** 1 in the first queue; 2 after an escalation to the next tier, and so on. */
  tier: number
  skills: string[]
  status: 'queued' | 'active'
  agent?: string
  enqueuedAt: number
  waitingSeconds: number
  sla: { state: SlaState; alertAt?: number; escalateAt?: number }
  /** With `?agent=`: whether this agent's skills cover a waiting conversation, and what is missing. */
  eligible?: boolean
  missingSkills?: string[]
}

export interface TranscriptLine {
  at: number
  from: 'customer' | 'bot' | 'agent' | 'system'
  text: string
  node?: string
  data?: { agent?: string; options?: { id: string; label: string }[] }
}

export interface Detail extends ListItem {
  now: number
  summary: string
  variables: Record<string, unknown>
  notes: { at: number; agent?: string; text: string }[]
  node: string
  flow: string
  language?: string
  transcript: TranscriptLine[]
  nodes: { id: string; type: string; name?: string }[]
}

export interface QueueFigures {
  queue: string
  queued: number
  active: number
  longestWaitSeconds: number
  breaches: number
  alerts: number
}

export interface Queues {
  now: number
  queues: QueueFigures[]
  totals: { queued: number; active: number; breaches: number; longestWaitSeconds: number }
}

export type AgentStatus = 'available' | 'away' | 'offline'

export interface Agent {
  name: string
  status: AgentStatus
  skills: string[]
  active: number
  lastSeen: number | null
}

const TOKEN = 'switchboard-desk-token'
const AGENT = 'switchboard-desk-agent'
const SKILLS = 'switchboard-desk-skills'
const STATUS = 'switchboard-desk-status'

const readSkills = (storage: Storage): string[] | undefined => {
  try {
    const value = JSON.parse(storage.getItem(SKILLS) ?? 'null') as unknown
    return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : undefined
  } catch {
    return undefined
  }
}

/** The signed-in agent, per tab (sessionStorage); the skills are also remembered (localStorage) to preselect them at the next sign-in. */
export const session = {
  token: () => sessionStorage.getItem(TOKEN) ?? '',
  agent: () => sessionStorage.getItem(AGENT) ?? '',
  skills: () => readSkills(sessionStorage) ?? [],
  /** Skills picked at the last sign-in on this browser. */
  lastSkills: () => readSkills(sessionStorage) ?? readSkills(localStorage) ?? [],
  status: (): 'available' | 'away' => (sessionStorage.getItem(STATUS) === 'away' ? 'away' : 'available'),
  save(token: string, agent: string) {
    sessionStorage.setItem(TOKEN, token)
    sessionStorage.setItem(AGENT, agent)
  },
  saveSkills(skills: string[]) {
    sessionStorage.setItem(SKILLS, JSON.stringify(skills))
    localStorage.setItem(SKILLS, JSON.stringify(skills))
  },
  saveStatus(status: 'available' | 'away') {
    sessionStorage.setItem(STATUS, status)
  },
  clear() {
    sessionStorage.removeItem(TOKEN)
    sessionStorage.removeItem(STATUS)
  },
}

export class ApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message)
  }
}

export async function api<T>(path: string, options: { method?: string; body?: unknown; token?: string } = {}): Promise<T> {
  const response = await fetch(`/api/desk${path}`, {
    method: options.method ?? 'GET',
    headers: { authorization: `Bearer ${options.token ?? session.token()}`, ...(options.body !== undefined && { 'content-type': 'application/json' }) },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  })
  const body = (await response.json().catch(() => ({}))) as { message?: string }
  if (!response.ok) throw new ApiError(body.message ?? `HTTP ${response.status}`, response.status)
  return body as T
}

export const conversationPath = (id: string) => `/conversations/${encodeURIComponent(id)}`

export const agentPath = (name: string) => `/agents/${encodeURIComponent(name)}`

/** The skills a conversation needs that these skills lack (as the runtime compares them: case aside). */
export function missingSkills(needed: readonly string[], has: readonly string[]): string[] {
  const own = new Set(has.map((s) => s.toLowerCase()))
  return needed.filter((s) => !own.has(s.toLowerCase()))
}
