/**
 * Telnyx TeXML / webhooks: Ed25519 signature (base64, header telnyx-signature-ed25519) over
 * `${telnyx-timestamp}|${raw body}`, checked with the account's public key (base64, 32 bytes raw
 * or DER SPKI). Requests older or newer than the tolerance are refused to stop replays.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto'
import { header, rawBytes, type SignatureVerifier, type SignedRequest } from './verifier.ts'

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

export interface TelnyxOptions {
  /** Seconds a signed timestamp stays acceptable, either way. Default 300. */
  toleranceSeconds?: number
  /** The clock, in epoch ms (the server passes Date.now; tests pass a fixed time). */
  now: () => number
}

/** The public key object for a base64 Ed25519 key (raw 32 bytes, or DER SPKI). */
export function telnyxPublicKey(base64: string): KeyObject {
  const bytes = Buffer.from(base64, 'base64')
  const der = bytes.length === 32 ? Buffer.concat([ED25519_SPKI_PREFIX, bytes]) : bytes
  return createPublicKey({ key: der, format: 'der', type: 'spki' })
}

/** Verifies Telnyx webhooks. Throws at construction if the public key is unusable (a configuration error). */
export function telnyxVerifier(publicKeyBase64: string, options: TelnyxOptions): SignatureVerifier {
  const key = telnyxPublicKey(publicKeyBase64)
  const tolerance = (options.toleranceSeconds ?? 300) * 1000
  return {
    provider: 'telnyx',
    verify(request: SignedRequest): boolean {
      const signature = header(request, 'telnyx-signature-ed25519')?.trim()
      const timestamp = header(request, 'telnyx-timestamp')?.trim()
      if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return false
      if (Math.abs(options.now() - Number(timestamp) * 1000) > tolerance) return false
      const signed = Buffer.concat([Buffer.from(`${timestamp}|`, 'utf8'), rawBytes(request.rawBody)])
      try {
        return verify(null, signed, key, Buffer.from(signature, 'base64'))
      } catch {
        return false
      }
    },
  }
}
