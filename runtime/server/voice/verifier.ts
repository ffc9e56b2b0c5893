/**
 * Which signature the voice webhook checks, chosen by configuration: Twilio (X-Twilio-Signature with
 * TWILIO_AUTH_TOKEN) by default, SignalWire (same HMAC, its signing key), or Telnyx (Ed25519 with the
 * account's public key). Without a key the webhook refuses everything: an unsigned call is never run.
 */
import type { RuntimeConfig } from '../config.ts'
import { signalwireVerifier, twilioVerifier } from '../signatures/twilio.ts'
import { telnyxVerifier } from '../signatures/telnyx.ts'
import type { SignatureVerifier } from '../signatures/verifier.ts'

/** Optional voice provider settings; absent means Twilio with `config.twilio.authToken`. */
export interface VoiceProviderConfig {
  provider?: 'twilio' | 'signalwire' | 'telnyx'
  /** SignalWire project signing key. */
  signingKey?: string
  /** Telnyx account public key (base64). */
  publicKey?: string
}

export type VoiceGuard =
  | { ok: true; verifier: SignatureVerifier; headers: string[] }
  | { ok: false; message: string }

const HEADERS = {
  twilio: ['x-twilio-signature'],
  signalwire: ['x-signalwire-signature', 'x-twilio-signature'],
  telnyx: ['telnyx-signature-ed25519'],
}

/** The verifier the configuration asks for, or why there is none (the webhook then answers 503). */
export function voiceGuard(config: RuntimeConfig & { voice?: VoiceProviderConfig }, now: () => number): VoiceGuard {
  const voice = config.voice ?? {}
  const provider = voice.provider ?? 'twilio'
  if (provider === 'signalwire') {
    if (!voice.signingKey) return { ok: false, message: 'The voice webhook is not configured: set the SignalWire signing key. Unsigned calls are refused.' }
    return { ok: true, verifier: signalwireVerifier(voice.signingKey), headers: HEADERS.signalwire }
  }
  if (provider === 'telnyx') {
    if (!voice.publicKey) return { ok: false, message: 'The voice webhook is not configured: set the Telnyx public key. Unsigned calls are refused.' }
    try {
      return { ok: true, verifier: telnyxVerifier(voice.publicKey, { now }), headers: HEADERS.telnyx }
    } catch {
      return { ok: false, message: 'The voice webhook is not configured: the Telnyx public key is not a valid Ed25519 key.' }
    }
  }
  if (!config.twilio.authToken) return { ok: false, message: 'The voice webhook is not configured: set TWILIO_AUTH_TOKEN. Unsigned calls are refused.' }
  return { ok: true, verifier: twilioVerifier(config.twilio.authToken), headers: HEADERS.twilio }
}
