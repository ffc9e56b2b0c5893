/**
 * The WhatsApp channel adapter: actions → Graph API bodies (the pure outbound translator, with the
 * 24-hour window decided from the contact's last inbound message), and the sender that POSTs them.
 *
 * Delivery is at-least-once: when a request times out or the connection drops after Meta accepted
 * it, the retry sends the message again and the customer may see it twice. Meta offers no
 * idempotency key for /messages, so the alternative (never retrying) would lose messages instead.
 */
import type { ChannelAdapter } from '../../host/host.ts'
import type { OutboundRecord } from '../../host/store.ts'
import { whatsappOutbound } from '../../channels/whatsapp/outbound.ts'
import type { Logger } from '../logger.ts'
import { post, type PostInit, type PostResponse } from './post.ts'

/** Meta error codes worth retrying: throughput (130429), pair rate limit (131056), WABA API rate limit (80007). */
export const retryableCodes = new Set([130429, 131056, 80007])

export interface WhatsAppSenderOptions {
  apiUrl: string
  accessToken?: string
  logger: Logger
  /** Attempts per message, the first included. */
  maxAttempts?: number
  /** First back-off in ms; doubles each attempt up to maxDelayMs. */
  baseDelayMs?: number
  maxDelayMs?: number
  /** Per-request time limit in ms; a request that takes longer counts as a network error. */
  requestTimeoutMs?: number
  sleep?: (ms: number) => Promise<void>
  /** The HTTP client (tests); by default node:http(s) with keep-alive, see post.ts. */
  fetch?: (url: string, init: PostInit) => Promise<PostResponse>
}

/** A send Meta refused for good (or after every retry); the host marks the record failed with this message. */
export class WhatsAppSendError extends Error {
  constructor(message: string, readonly status: number, readonly code?: number, readonly retryable = false) {
    super(message)
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

interface GraphError {
  error?: { message?: string; code?: number; error_data?: { details?: string } }
}

export function createWhatsAppAdapter(options: WhatsAppSenderOptions): ChannelAdapter {
  const { logger } = options
  const maxAttempts = options.maxAttempts ?? 5
  const baseDelay = options.baseDelayMs ?? 500
  const maxDelay = options.maxDelayMs ?? 30_000
  const sleep = options.sleep ?? defaultSleep
  const httpPost = options.fetch ?? post

  const timeoutMs = options.requestTimeoutMs ?? 20_000
  const headers = { authorization: `Bearer ${options.accessToken}`, 'content-type': 'application/json' }

  async function attempt(record: OutboundRecord): Promise<{ providerId?: string; retryAfterMs?: number }> {
    let response: PostResponse
    try {
      const init: PostInit = { method: 'POST', headers, body: JSON.stringify(record.payload) }
      // the built-in client takes a plain time limit; another client (tests) gets fetch's AbortSignal
      if (options.fetch) init.signal = AbortSignal.timeout(timeoutMs)
      else init.timeoutMs = timeoutMs
      response = await httpPost(`${options.apiUrl}/${encodeURIComponent(record.ref.address)}/messages`, init)
    } catch (error) {
      throw new WhatsAppSendError(`cannot reach the WhatsApp API: ${(error as Error).message}`, 0, undefined, true)
    }
    const text = await response.text().catch(() => '')
    let body: unknown
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      body = undefined
    }
    if (response.ok) {
      const id = (body as { messages?: { id?: unknown }[] } | undefined)?.messages?.[0]?.id
      return { providerId: typeof id === 'string' ? id : undefined }
    }
    const error = (body as GraphError | undefined)?.error
    const code = typeof error?.code === 'number' ? error.code : undefined
    const retryable = response.status === 429 || response.status >= 500 || (code !== undefined && retryableCodes.has(code))
    const detail = [error?.message, error?.error_data?.details].filter(Boolean).join(': ') || text.slice(0, 200) || response.statusText
    const failure = new WhatsAppSendError(`WhatsApp API ${response.status}${code !== undefined ? ` (#${code})` : ''}: ${detail}`, response.status, code, retryable)
    const retryAfter = Number(response.headers.get('retry-after'))
    throw Object.assign(failure, Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {})
  }

  return {
    translate(actions, { ref, contact, now }) {
      const out = whatsappOutbound(actions, { to: ref.contact, now, lastInboundAt: contact?.lastInboundAt })
      for (const h of out.held) {
        logger.warn({ to: ref.contact, type: h.message.type }, `WhatsApp ${h.message.type} message to ${ref.contact} held: the customer last wrote more than 24 hours ago, and only an approved template may be sent now`)
      }
      return { payloads: out.messages, held: out.held.map((h) => ({ payload: h.message, reason: h.reason })) }
    },

    async send(record) {
      if (!options.accessToken) throw new WhatsAppSendError('cannot send on WhatsApp: set WHATSAPP_ACCESS_TOKEN', 0)
      for (let n = 1; ; n++) {
        try {
          return await attempt(record)
        } catch (error) {
          const failure = error as WhatsAppSendError & { retryAfterMs?: number }
          if (!failure.retryable || n >= maxAttempts) {
            logger.warn({ record: record.id, status: failure.status, code: failure.code, attempts: n }, `WhatsApp message ${record.id} failed: ${failure.message}`)
            throw failure
          }
          const delay = Math.min(maxDelay, Math.max(failure.retryAfterMs ?? 0, baseDelay * 2 ** (n - 1)))
          logger.info({ record: record.id, attempt: n, delayMs: delay }, `WhatsApp send will be retried: ${failure.message}`)
          await sleep(delay)
        }
      }
    },
  }
}
