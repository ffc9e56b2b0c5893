/**
 * Webhook signature checks behind one interface, so the voice and WhatsApp webhooks take whichever
 * provider is configured (Twilio, SignalWire, Telnyx, Meta) without knowing how it signs.
 */
import { timingSafeEqual } from 'node:crypto'

/** What a verifier may look at: the request as it arrived, before any parsing. */
export interface SignedRequest {
  /** The full public URL the provider requested, scheme, host, path and query included. */
  url: string
  method?: string
  /** Header names in any case. */
  headers: Record<string, string | string[] | undefined>
  /** The raw body bytes, exactly as received. */
  rawBody: Buffer | string
  /** Parsed form parameters (Twilio-style POST); parsed from rawBody when absent. */
  params?: Record<string, string | string[] | undefined>
}

export interface SignatureVerifier {
  readonly provider: string
  /** True only when the request carries a valid signature. Never throws on bad input. */
  verify(request: SignedRequest): boolean
}

/** A header by name, case-insensitively; the first value when repeated. */
export function header(request: SignedRequest, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value
  }
  return undefined
}

/** Compare two secrets' encodings in constant time (length leaks, content does not). */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const left = Buffer.isBuffer(a) ? a : Buffer.from(a, 'utf8')
  const right = Buffer.isBuffer(b) ? b : Buffer.from(b, 'utf8')
  return left.length === right.length && timingSafeEqual(left, right)
}

export const rawBytes = (body: Buffer | string): Buffer => (Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'))
