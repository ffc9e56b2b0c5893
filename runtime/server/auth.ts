import { timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'

/** Constant-time comparison of a presented token with the configured one. */
export function tokenMatches(presented: string | undefined, token: string): boolean {
  if (!presented) return false
  const a = Buffer.from(presented)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The token from `Authorization: Bearer …`, or from `?token=` where a browser WebSocket cannot send headers. */
export function presentedToken(headers: Record<string, string | string[] | undefined>, url: string | undefined): string | undefined {
  const header = headers.authorization
  const bearer = typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header)?.[1] : undefined
  return bearer ?? new URL(url ?? '/', 'http://x').searchParams.get('token') ?? undefined
}

/** Express middleware: 401 with a JSON error unless the request carries the token. */
export function requireToken(token: string): RequestHandler {
  return (req, res, next) => {
    if (tokenMatches(presentedToken(req.headers, req.originalUrl), token)) return next()
    res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized', message: 'Send Authorization: Bearer <SWITCHBOARD_TOKEN>.' })
  }
}
