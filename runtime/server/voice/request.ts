/**
 * What the voice webhook reads from an HTTP request: the provider's parameters (form body, JSON
 * body, or the query of a GET), our own query flags, the public URL the provider signed, and a
 * stable id per request so a redelivery is recognised.
 */
import { createHash } from 'node:crypto'
import type { Request } from 'express'

export type Params = Record<string, string | string[]>

function collect(entries: Iterable<[string, string]>): Params {
  const params: Params = {}
  for (const [key, value] of entries) {
    const known = params[key]
    params[key] = known === undefined ? value : Array.isArray(known) ? [...known, value] : [known, value]
  }
  return params
}

/** The query of the URL as requested (repeated keys kept, no nested-object parsing). */
export function queryOf(req: Request): Params {
  return collect(new URL(req.originalUrl, 'http://localhost').searchParams)
}

/** Provider parameters: the query for GET, else the form (or JSON object) body. Undefined when the body cannot be read. */
export function paramsOf(req: Request, raw: Buffer): Params | undefined {
  if (req.method === 'GET' || req.method === 'HEAD') return queryOf(req)
  const type = (req.get('content-type') ?? '').toLowerCase()
  const text = raw.toString('utf8')
  if (type.includes('json')) {
    try {
      const body: unknown = text ? JSON.parse(text) : {}
      if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined
      return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null && typeof v !== 'object').map(([k, v]) => [k, String(v)]))
    } catch {
      return undefined
    }
  }
  return collect(new URLSearchParams(text))
}

/** Scheme, host and any path prefix the provider calls: SWITCHBOARD_PUBLIC_URL, else rebuilt from the request (X-Forwarded-* from a trusted proxy). */
export function publicBase(req: Request, publicUrl: string | undefined): string {
  return publicUrl ?? `${req.protocol}://${req.host}`
}

/** The exact URL the provider requested, as it signed it. */
export function publicRequestUrl(req: Request, publicUrl: string | undefined): string {
  return publicBase(req, publicUrl) + req.originalUrl
}

const canonical = (params: Params) =>
  Object.keys(params)
    .sort()
    .map((key) => [key, [params[key]].flat().sort()])

/**
 * A stable id for one provider request: the call id plus a hash of everything it carried. A retry
 * carries the same parameters and the same URL (whose `t` turn flag changes on every answer), so
 * it gets the same id; a new turn never does, even when the caller presses the same key again.
 */
export function requestId(callId: string, method: string, params: Params, query: Params): string {
  const hash = createHash('sha256').update(JSON.stringify([method.toUpperCase(), canonical(params), canonical(query)])).digest('base64url').slice(0, 22)
  return `voice:${callId}:${hash}`
}
