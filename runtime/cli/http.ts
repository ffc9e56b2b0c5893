/**
 * Performs a call-http action for `switchboard chat`, for real: {{secrets.NAME}} filled from the
 * environment, the node's timeout and retries. Any failure is status 0, so the flow takes its
 * error exit the way it would in production.
 */
import type { CallHttpAction } from '../../schemas/nodes/step.ts'
import type { Input } from '../transcripts/conversation.ts'

const secret = /\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g

/** Fills {{secrets.NAME}} in every string of a value; names not in `env` are collected in `missing`. */
export function fillSecrets(value: unknown, env: Record<string, string | undefined>, missing: Set<string>): unknown {
  if (typeof value === 'string')
    return value.replace(secret, (_, name: string) => {
      if (env[name] === undefined) missing.add(name)
      return env[name] ?? ''
    })
  if (Array.isArray(value)) return value.map((v) => fillSecrets(v, env, missing))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillSecrets(v, env, missing)]))
  return value
}

export interface HttpOutcome {
  input: Input
  /** Secrets the call referenced that the environment does not have. */
  missing: string[]
}

async function once(action: CallHttpAction, url: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; body?: unknown; error?: string }> {
  const hasBody = body !== undefined && action.method !== 'GET'
  const sendsJson = hasBody && typeof body !== 'string'
  if (sendsJson && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers = { ...headers, 'content-type': 'application/json' }
  try {
    const response = await fetch(url, {
      method: action.method,
      headers,
      ...(hasBody && { body: sendsJson ? JSON.stringify(body) : (body as string) }),
      signal: AbortSignal.timeout(Math.max(1, action.timeoutSeconds) * 1000),
    })
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {}
    return { status: response.status, ...(parsed !== undefined && { body: parsed }) }
  } catch (error) {
    return { status: 0, error: (error as Error).message }
  }
}

/** Makes the call (retrying on no answer or a 5xx) and returns the http-responded event for the engine. */
export async function performHttp(action: CallHttpAction, env: Record<string, string | undefined> = process.env): Promise<HttpOutcome> {
  const missing = new Set<string>()
  const url = fillSecrets(action.url, env, missing) as string
  const headers = fillSecrets(action.headers, env, missing) as Record<string, string>
  const body = fillSecrets(action.body, env, missing)
  let result = await once(action, url, headers, body)
  for (let attempt = 0; attempt < action.retries && (result.status === 0 || result.status >= 500); attempt++) result = await once(action, url, headers, body)
  return { input: { type: 'http-responded', request: action.request, ...result }, missing: [...missing] }
}
