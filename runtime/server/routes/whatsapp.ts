/**
 * GET|POST /webhooks/whatsapp: Meta's verify handshake, and signed webhook deliveries. Every message
 * is persisted (host.accept, deduplicated by wamid) before the 200, then processed after answering,
 * so Meta gets its answer fast and a crash between the two replays the message at the next start.
 */
import express, { Router, type Response } from 'express'
import { whatsappInbound, type WhatsAppInboundMessage, type WhatsAppStatus } from '../../channels/whatsapp/inbound.ts'
import type { ReceiveInput } from '../../host/host.ts'
import type { RouteContext } from '../app.ts'
import { whatsappVerifier } from '../signatures/whatsapp.ts'

const fail = (res: Response, status: number, error: string, message: string) => res.status(status).json({ error, message })

export function whatsappRoutes(context: RouteContext): Router {
  const { config, host, logger, metrics } = context
  const router = Router()
  const { verifyToken, appSecret } = config.whatsapp
  const verifier = appSecret ? whatsappVerifier(appSecret) : undefined
  if (!appSecret) logger.warn('WhatsApp webhooks are refused until you set WHATSAPP_APP_SECRET (the App Secret of your Meta app)')

  router.get('/', (req, res) => {
    const mode = req.query['hub.mode']
    const token = req.query['hub.verify_token']
    const challenge = req.query['hub.challenge']
    if (mode === 'subscribe' && verifyToken && token === verifyToken && typeof challenge === 'string') {
      logger.info('WhatsApp webhook verified by Meta')
      return res.status(200).type('text/plain').send(challenge)
    }
    logger.warn(verifyToken ? 'WhatsApp verify handshake refused: wrong hub.mode or hub.verify_token' : 'WhatsApp verify handshake refused: set WHATSAPP_VERIFY_TOKEN')
    fail(res, 403, 'forbidden', 'The verify token does not match WHATSAPP_VERIFY_TOKEN.')
  })

  router.post(
    '/',
    (_req, res, next) => {
      const done = metrics.webhookLatency.startTimer({ channel: 'whatsapp' })
      res.once('finish', () => done())
      next()
    },
    express.raw({ type: () => true, limit: config.bodyLimit }),
    async (req, res) => {
      if (!verifier) {
        logger.error('WhatsApp webhook refused: set WHATSAPP_APP_SECRET so its X-Hub-Signature-256 can be checked')
        return fail(res, 503, 'not-configured', 'WhatsApp webhooks are disabled until WHATSAPP_APP_SECRET is set.')
      }
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
      if (!req.get('x-hub-signature-256')) {
        logger.warn({ ip: req.ip }, 'WhatsApp webhook without X-Hub-Signature-256 refused')
        return fail(res, 401, 'unsigned', 'The X-Hub-Signature-256 header is missing.')
      }
      if (!verifier.verify({ url: req.originalUrl, method: 'POST', headers: req.headers, rawBody })) {
        logger.warn({ ip: req.ip }, 'WhatsApp webhook with a wrong X-Hub-Signature-256 refused')
        return fail(res, 403, 'bad-signature', 'The X-Hub-Signature-256 header does not match the body.')
      }
      let payload: unknown
      try {
        payload = JSON.parse(rawBody.toString('utf8'))
      } catch {
        return fail(res, 400, 'malformed', 'The body is not valid JSON.')
      }
      const inbound = whatsappInbound(payload)
      if (inbound.error) {
        logger.warn({ problem: inbound.error }, `malformed WhatsApp webhook refused: ${inbound.error}`)
        return fail(res, 400, 'malformed', `Not a WhatsApp webhook: ${inbound.error}.`)
      }
      await acknowledge(res, inbound.messages, inbound.statuses)
      for (const ignored of inbound.ignored) logger.debug({ type: ignored.type }, `WhatsApp ${ignored.type} ignored: ${ignored.reason}`)
    },
  )

  /** Persists messages and statuses, answers 200, then processes the newly accepted messages in order. */
  async function acknowledge(res: Response, messages: WhatsAppInboundMessage[], statuses: WhatsAppStatus[]) {
    const inputs = messages.map((m): ReceiveInput => ({
      ref: { channel: 'whatsapp', address: m.phoneNumberId, contact: m.from },
      event: m.event,
      inboundId: m.messageId,
      contact: { ...(m.name && { name: m.name }), phone: `+${m.from}` },
    }))
    // all of one delivery's messages in one store write (in order; a repeated wamid in it is refused like a redelivery)
    const fresh = await Promise.all(inputs.map((input) => host.accept(input)))
    const accepted: ReceiveInput[] = inputs.filter((_, i) => fresh[i]).map((input) => ({ ...input, accepted: true }))
    const duplicates = inputs.length - accepted.length
    for (const s of statuses) await recordStatus(s)
    // written straight to the socket: express's res.json would hash the body for an ETag nobody revalidates
    const body = `{"received":${accepted.length},"duplicates":${duplicates},"statuses":${statuses.length}}`
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) }).end(body)
    if (duplicates) logger.info({ duplicates }, `${duplicates} redelivered WhatsApp message(s) answered once`)
    for (const input of accepted) {
      host.receive(input).catch((error: unknown) => logger.error({ err: error, wamid: input.inboundId }, 'processing a WhatsApp message failed; it is replayed at the next start'))
    }
  }

  /** Keeps one row per (wamid, status): Meta redelivers statuses too. */
  async function recordStatus(s: WhatsAppStatus) {
    const known = await context.store.statuses(s.messageId)
    if (known.some((k) => k.status === s.status)) return
    await context.store.recordStatus(s.messageId, s.status, s.at, s.errors)
    if (s.status === 'failed') {
      const e = s.errors?.[0]
      logger.warn({ wamid: s.messageId, code: e?.code }, `WhatsApp reports message ${s.messageId} failed: ${e?.code ?? ''} ${e?.message ?? e?.title ?? ''}`.trim())
    }
  }

  return router
}
