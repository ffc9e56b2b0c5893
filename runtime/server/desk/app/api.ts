/** The desk API as the page uses it: Bearer token from sessionStorage, JSON in and out. */

export type SlaState = 'ok' | 'alerted' | 'breached'

export interface ListItem {
  id: string
  channel: 'whatsapp' | 'voice' | 'webchat'
  contact: { id: string; name?: string; phone?: string; language?: string }
  queue: string
  priority: number
  skills: string[]
  status: 'queued' | 'active'
  agent?: string
  enqueuedAt: number
  waitingSeconds: number
  sla: { state: SlaState; alertAt?: number; escalateAt?: number }
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

const TOKEN = 'switchboard-desk-token'
const AGENT = 'switchboard-desk-agent'

export const session = {
  token: () => sessionStorage.getItem(TOKEN) ?? '',
  agent: () => sessionStorage.getItem(AGENT) ?? '',
  save(token: string, agent: string) {
    sessionStorage.setItem(TOKEN, token)
    sessionStorage.setItem(AGENT, agent)
  },
  clear() {
    sessionStorage.removeItem(TOKEN)
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
