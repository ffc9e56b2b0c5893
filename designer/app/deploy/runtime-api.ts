/**
 * The runtime's deploy API from the browser (runtime/server/routes/flows.ts): deploy, versions,
 * rollback, with Bearer auth. Failures become a RuntimeApiError whose kind the view words for people.
 */
import type { Flow } from '../../../schemas/nodes/step.ts'

export interface RuntimeSettings {
  url: string
  token: string
}

/** A deployed version as GET /api/flows/:id/versions lists it. */
export interface FlowVersion {
  id: string
  name: string
  version: number
  channels: string[]
  deployedAt: string
  source: string
  active: boolean
}

export interface RemoteProblem {
  pointer: string
  code: string
  message: string
  severity?: string
}

export type ErrorKind = 'unreachable' | 'unauthorized' | 'invalid' | 'not-found' | 'failed'

export class RuntimeApiError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly status?: number,
    readonly problems: RemoteProblem[] = [],
  ) {
    super(message)
  }
}

export interface DeployResult {
  id: string
  version: number
  unchanged: boolean
}

const base = (url: string) => url.trim().replace(/\/+$/, '')

async function call<T>(settings: RuntimeSettings, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(`${base(settings.url)}${path}`, {
      method,
      headers: { authorization: `Bearer ${settings.token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
  } catch {
    throw new RuntimeApiError('unreachable', `Cannot reach the runtime at ${base(settings.url) || '(no URL)'}. Is it running (switchboard serve), and is the address right?`)
  }
  const data = (await response.json().catch(() => undefined)) as (Record<string, unknown> & { message?: string; problems?: RemoteProblem[] }) | undefined
  if (response.ok) return data as T
  const said = typeof data?.message === 'string' ? data.message : response.statusText
  if (response.status === 401) throw new RuntimeApiError('unauthorized', 'The runtime refused the token (401). Check that it is the runtime\'s SWITCHBOARD_TOKEN.', 401)
  if (response.status === 422) throw new RuntimeApiError('invalid', `The runtime refused the flow: ${said}`, 422, Array.isArray(data?.problems) ? data.problems : [])
  if (response.status === 404) throw new RuntimeApiError('not-found', said, 404)
  throw new RuntimeApiError('failed', `The runtime answered ${response.status}: ${said}`, response.status)
}

export const deployFlow = (settings: RuntimeSettings, flow: Flow) => call<DeployResult>(settings, 'POST', '/api/flows', flow)

/**
 * The versions of a flow, newest first; [] when it was never deployed. Asks the list first, so an
 * undeployed flow costs no 404 (which browsers log as an error).
 */
export async function listVersions(settings: RuntimeSettings, id: string): Promise<FlowVersion[]> {
  const deployed = await call<FlowVersion[]>(settings, 'GET', '/api/flows')
  if (!deployed.some((flow) => flow.id === id)) return []
  const versions = await call<FlowVersion[]>(settings, 'GET', `/api/flows/${encodeURIComponent(id)}/versions`)
  return [...versions].sort((a, b) => b.version - a.version)
}

export const rollBack = (settings: RuntimeSettings, id: string, version: number) =>
  call<{ id: string; version: number }>(settings, 'POST', `/api/flows/${encodeURIComponent(id)}/rollback`, { version })
