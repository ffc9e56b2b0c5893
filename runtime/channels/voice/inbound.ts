/**
 * Twilio-style voice webhook (form params plus our own query flags) → one engine event.
 * Works for Telnyx TeXML and SignalWire cXML too: call ids are opaque strings, never checked
 * against Twilio's `CA…` format. Never throws.
 *
 * Query flags (set by voice/outbound.ts): `gather=1` on a Gather's action, `gather=empty` on the
 * redirect after it (silence), `record=1|empty` after a Record, `poll=1` while the host works,
 * `status=1` on the status callback URL (Twilio's `CallbackSource` works as well).
 */
import type { EngineEvent } from '../../../schemas/nodes/step.ts'

export interface VoiceRequest {
  /** Form (POST) or query (GET) parameters from the provider. */
  params: Record<string, string | string[] | undefined>
  /** Query parameters of the URL the provider requested (our flags). */
  query?: Record<string, string | string[] | undefined>
  /** Epoch ms when the request arrived (the webhook carries no usable clock of its own). */
  now: number
}

export interface VoiceInbound {
  callId: string
  from: string
  to: string
  /** null when the request carries nothing for the engine (a poll, a progress callback). */
  event: EngineEvent | null
  /** Why event is null. */
  reason?: 'poll' | 'progress'
}

const CLOSED = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled'])

/** Translate one voice webhook request. */
export function voiceInbound(request: VoiceRequest): VoiceInbound | { error: string } {
  const param = (name: string) => first(request.params?.[name])?.trim()
  const flag = (name: string) => first(request.query?.[name])
  const callId = param('CallSid')
  if (!callId) return { error: 'CallSid is missing' }
  const call = { callId, from: param('From') ?? '', to: param('To') ?? '' }
  const at = request.now
  const status = param('CallStatus')?.toLowerCase()
  const statusCallback = flag('status') !== undefined || param('CallbackSource') === 'call-progress-events'
  const recordingUrl = param('RecordingUrl')

  if (flag('record') !== undefined || (recordingUrl && !statusCallback)) {
    const seconds = Number(param('RecordingDuration'))
    const recorded = recordingUrl && flag('record') !== 'empty'
    return { ...call, event: { type: 'recording-finished', at, ...(recorded && { url: recordingUrl }), ...(recorded && Number.isFinite(seconds) && { seconds }) } }
  }
  if (status && CLOSED.has(status)) return { ...call, event: { type: 'conversation-closed', at } }
  if (statusCallback) return { ...call, event: null, reason: 'progress' }
  if (flag('poll') !== undefined) return { ...call, event: null, reason: 'poll' }
  const digits = param('Digits')
  if (digits) return { ...call, event: { type: 'message-received', at, digits } }
  const speech = param('SpeechResult')
  if (speech) return { ...call, event: { type: 'message-received', at, text: speech } }
  if (flag('gather') !== undefined) return { ...call, event: { type: 'no-input', at } }
  return { ...call, event: { type: 'conversation-started', at } }
}

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)
