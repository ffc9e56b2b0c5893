/**
 * CORS for the deploy API, so the designer (another origin: localhost:8080) can deploy to a runtime
 * (localhost:3000). Allowed: the origin in SWITCHBOARD_DESIGNER_ORIGIN (comma-separated for more
 * than one), and any http(s) origin on localhost / 127.0.0.1 / [::1]. Other origins get no CORS
 * headers, so browsers keep them out; the Bearer token is still required on every request.
 */
import type { RequestHandler } from 'express'

const LOOPBACK = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/

/** Whether a browser on `origin` may call the API. */
export function originAllowed(origin: string, designerOrigins: readonly string[]): boolean {
  return LOOPBACK.test(origin) || designerOrigins.includes(origin.replace(/\/$/, ''))
}

/** Express middleware: CORS headers for allowed origins and an answer to their preflight (OPTIONS). */
export function designerCors(setting: string | undefined = process.env.SWITCHBOARD_DESIGNER_ORIGIN): RequestHandler {
  const designerOrigins = (setting ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/$/, ''))
    .filter(Boolean)
  return (req, res, next) => {
    const origin = req.headers.origin
    res.vary('Origin')
    if (!origin || !originAllowed(origin, designerOrigins)) return next()
    res.set('Access-Control-Allow-Origin', origin)
    if (req.method !== 'OPTIONS') return next()
    res.set({
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Max-Age': '600',
    })
    res.status(204).end()
  }
}
