/**
 * POST|GET /webhooks/voice (Twilio-compatible TwiML; SignalWire cXML and Telnyx TeXML alike) and
 * POST|GET /webhooks/voice/status (call status callbacks). Every request is signature-checked
 * before anything is read; each turn's actions come back from the host at once and are rendered
 * into one TwiML answer. The caller always hears something: an unbound number or an internal
 * error answers a spoken apology and hangs up, never silence and never an HTML error page.
 */
import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express'
import { performance } from 'node:perf_hooks'
import { voiceInbound, type VoiceInbound } from '../../channels/voice/inbound.ts'
import { renderTwiml, withQuery } from '../../channels/voice/outbound.ts'
import { conversationKey, type ConversationRef } from '../../host/store.ts'
import type { Session } from '../../../schemas/nodes/step.ts'
import type { RouteContext } from '../app.ts'
import { apologyTwiml, holdingTwiml } from '../voice/answers.ts'
import { createAnswerCache } from '../voice/replay.ts'
import { paramsOf, publicBase, publicRequestUrl, queryOf, requestId, type Params } from '../voice/request.ts'
import { voiceGuard } from '../voice/verifier.ts'

/** The webhook URL for the caller's next request. `t` (the session's event count) makes each turn's requests distinct from a retry of the previous one. */
const turnUrl = (base: string, session: Session | undefined) => (session ? withQuery(base, 't', String(session.seq)) : base)

export function voiceRoutes(context: RouteContext): Router {
  const { config, host, store, logger, metrics, clock } = context
  const router = Router()
  const guard = voiceGuard(config, clock)
  const answers = createAnswerCache()
  const readBody = express.raw({ type: () => true, limit: config.bodyLimit })
  const body = (req: Request): Buffer => (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0))

  const verify: RequestHandler = (req, res, next) => {
    if (!guard.ok) {
      logger.error({ path: req.originalUrl }, guard.message)
      return void res.status(503).type('text/plain').send(guard.message)
    }
    if (!guard.headers.some((name) => req.get(name) !== undefined)) {
      logger.warn({ provider: guard.verifier.provider }, 'voice webhook without a signature; refused')
      return void res.status(401).type('text/plain').send(`Missing signature header (${guard.headers.join(' or ')}).`)
    }
    const signed = { url: publicRequestUrl(req, config.publicUrl), method: req.method, headers: req.headers, rawBody: body(req) }
    if (!guard.verifier.verify(signed)) {
      logger.warn({ provider: guard.verifier.provider, url: signed.url }, 'voice webhook signature does not match; refused (check TWILIO_AUTH_TOKEN and SWITCHBOARD_PUBLIC_URL)')
      return void res.status(403).type('text/plain').send('Invalid signature.')
    }
    next()
  }

  /** The translated request, or a 400 already sent. */
  function read(req: Request, res: Response, extraQuery: Params = {}): { inbound: VoiceInbound; params: Params; query: Params } | undefined {
    const params = paramsOf(req, body(req))
    const query = { ...queryOf(req), ...extraQuery }
    const inbound = params && voiceInbound({ params, query, now: clock() })
    if (inbound && !('error' in inbound)) return { inbound, params: params!, query }
    res.status(400).type('text/plain').send(inbound ? `Bad voice webhook: ${inbound.error}.` : 'The body is neither a form nor a JSON object.')
    return undefined
  }

  async function turn(ref: ConversationRef, inbound: VoiceInbound, id: string, base: string) {
    const result = await host.receive({ ref, event: inbound.event!, inboundId: id, contact: { phone: inbound.from } })
    if (result.unrouted) return { twiml: apologyTwiml('unbound'), keep: true }
    if (result.duplicate) {
      // Answered before but no longer remembered (a restart): answer from where the call stands.
      const session = await store.getSession(conversationKey(ref))
      return { twiml: holdingTwiml(session, turnUrl(base, session)), keep: false }
    }
    if (!result.session) {
      logger.warn({ callId: ref.contact }, `voice request for a call with no conversation (${inbound.event!.type}); apologised and hung up`)
      return { twiml: apologyTwiml('error'), keep: true }
    }
    return { twiml: renderTwiml(result.actions, { actionUrl: turnUrl(base, result.session), language: result.session.language }), keep: true }
  }

  const answerCall: RequestHandler = async (req, res) => {
    const started = performance.now()
    const request = read(req, res)
    if (!request) return
    const { inbound, params, query } = request
    const base = publicBase(req, config.publicUrl) + req.baseUrl
    const ref: ConversationRef = { channel: 'voice', address: inbound.to, contact: inbound.callId }
    let twiml: string
    try {
      if (inbound.event === null) {
        const session = await store.getSession(conversationKey(ref))
        twiml = holdingTwiml(session, turnUrl(base, session))
      } else {
        const id = requestId(inbound.callId, req.method, params, query)
        twiml = await answers.once(id, () => turn(ref, inbound, id, base))
      }
    } catch (error) {
      logger.error({ err: error, callId: inbound.callId }, 'voice turn failed; apologised and hung up')
      metrics.errors.inc({ kind: 'voice' })
      twiml = apologyTwiml('error')
    }
    res.status(200).type('text/xml').send(twiml)
    metrics.webhookLatency.observe({ channel: 'voice' }, (performance.now() - started) / 1000)
  }

  const callStatus: RequestHandler = async (req, res) => {
    const request = read(req, res, { status: '1' })
    if (!request) return
    const { inbound } = request
    if (inbound.event?.type === 'conversation-closed') {
      const ref: ConversationRef = { channel: 'voice', address: inbound.to, contact: inbound.callId }
      await host.receive({ ref, event: inbound.event, inboundId: `voice:${inbound.callId}:closed` })
    }
    res.status(204).end()
  }

  router.post('/status', readBody, verify, callStatus)
  router.get('/status', verify, callStatus)
  router.post('/', readBody, verify, answerCall)
  router.get('/', verify, answerCall)

  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    const status = typeof error.status === 'number' ? error.status : 500
    if (status < 500) {
      const message = error.type === 'entity.too.large' ? `The body is larger than ${config.bodyLimit}.` : String(error.message ?? 'Bad request.')
      return void res.status(status).type('text/plain').send(message)
    }
    logger.error({ err: error, path: req.originalUrl }, 'voice webhook failed')
    if (req.path.startsWith('/status')) return void res.status(500).type('text/plain').send('Internal error.')
    res.status(200).type('text/xml').send(apologyTwiml('error'))
  }
  router.use(onError)
  return router
}
