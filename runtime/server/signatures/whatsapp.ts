/** Meta's X-Hub-Signature-256: 'sha256=' + hex HMAC-SHA256(app secret, raw body). */
import { createHmac } from 'node:crypto'
import { header, rawBytes, safeEqual, type SignatureVerifier, type SignedRequest } from './verifier.ts'

/** The expected header value for a body. */
export function whatsappSignature(appSecret: string, rawBody: Buffer | string): string {
  return 'sha256=' + createHmac('sha256', appSecret).update(rawBytes(rawBody)).digest('hex')
}

/** Verifies WhatsApp Cloud API webhooks with the App Secret (not the verify token, not the access token). */
export function whatsappVerifier(appSecret: string): SignatureVerifier {
  return {
    provider: 'whatsapp',
    verify(request: SignedRequest): boolean {
      const given = header(request, 'x-hub-signature-256')?.trim()
      if (!appSecret || !given || !/^sha256=[0-9a-fA-F]{64}$/.test(given)) return false
      return safeEqual(given.toLowerCase(), whatsappSignature(appSecret, request.rawBody))
    },
  }
}
