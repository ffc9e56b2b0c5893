/**
 * Engine actions → a TwiML document (Twilio; the verb subset Telnyx TeXML and SignalWire cXML share).
 * voiceVerbs() builds the document as data, which previews read; renderTwiml() serialises it.
 *
 * Choices worth knowing:
 * - ask → <Gather> then <Redirect> to `actionUrl?gather=empty`: silence falls through to the
 *   redirect, which voiceInbound() reports as no-input. The gather's own action is `?gather=1`.
 * - a voice override (SSML or audio) on ask or record replaces the whole spoken prompt, "Press 1
 *   for …" lines included: whoever recorded it said the options.
 * - hand-off dials when the queue is a phone number or SIP address (`+3902…`, `tel:…`, `sip:…`),
 *   and enqueues otherwise; the action contract carries no separate number.
 * - a batch that would end the document without waiting (say only, while the host runs an HTTP
 *   call) ends with a short pause and a redirect to `actionUrl?poll=1`, so the call never hangs
 *   up silently; voiceInbound() reports it as a poll with no event.
 */
import type { Action, AskAction, HandOffAction, VoiceRendering } from '../../../schemas/nodes/step.ts'
import { voiceLimits } from '../../../schemas/channel-limits.ts'
import { twilioLanguage, pressLine } from './language.ts'
import { isWellFormedFragment, twimlDocument, type Verb } from './twiml.ts'

export interface VoiceOutboundContext {
  /** URL the call comes back to with the caller's input (the voice webhook). */
  actionUrl: string
  /** The conversation's language, BCP 47 ('en', 'it', 'zh-CN'). */
  language?: string
  /** Twilio voice ('woman', 'Polly.Joanna', …); provider default when absent. */
  voice?: string
}

/** The TwiML document for a batch of actions. */
export function renderTwiml(actions: readonly Action[], context: VoiceOutboundContext): string {
  return twimlDocument(voiceVerbs(actions, context))
}

const WAITS = new Set(['Gather', 'Redirect', 'Record', 'Enqueue', 'Dial', 'Hangup'])

/** The verbs for a batch of actions; timers, HTTP calls, notifications and feedback produce none. */
export function voiceVerbs(actions: readonly Action[], context: VoiceOutboundContext): Verb[] {
  const verbs = actions.flatMap((action) => actionVerbs(action, context))
  const last = verbs[verbs.length - 1]
  if (last && WAITS.has(last.verb)) return verbs
  return [...verbs, { verb: 'Pause', attributes: { length: 1 } }, redirect(context.actionUrl, 'poll', '1')]
}

function actionVerbs(action: Action, context: VoiceOutboundContext): Verb[] {
  switch (action.type) {
    case 'say':
      return speak(action.text, context, action.voice)
    case 'send-template':
      return speak(action.fallbackText, context)
    case 'play':
      return [{ verb: 'Play', text: action.url }]
    case 'ask':
      return [gather(action, context), redirect(context.actionUrl, 'gather', 'empty')]
    case 'record':
      return [
        ...speak(action.text, context, action.voice),
        { verb: 'Record', attributes: { action: withQuery(context.actionUrl, 'record', '1'), method: 'POST', maxLength: action.maxSeconds, playBeep: true } },
        redirect(context.actionUrl, 'record', 'empty'),
      ]
    case 'hand-off':
      return [handOff(action)]
    case 'end':
      return [{ verb: 'Hangup' }]
    default:
      return []
  }
}

/** Say the text, or the SSML / audio override when the flow gives one. */
export function speak(text: string, context: VoiceOutboundContext, override?: VoiceRendering): Verb[] {
  if (override?.audio) return [{ verb: 'Play', text: override.audio }]
  const attributes = { language: twilioLanguage(context.language), voice: context.voice }
  const ssml = override?.ssml && ssmlContent(override.ssml)
  if (ssml) return [{ verb: 'Say', attributes, xml: ssml }]
  return text.trim() === '' ? [] : [{ verb: 'Say', attributes, text }]
}

/** SSML without its <speak> wrapper (Twilio takes the inner tags), or undefined when not well-formed. */
function ssmlContent(ssml: string): string | undefined {
  const inner = ssml.trim().replace(/^<\?xml[^>]*\?>/, '').trim().replace(/^<speak\b[^>]*>([\s\S]*)<\/speak>$/, '$1')
  return inner.trim() !== '' && isWellFormedFragment(inner) ? inner : undefined
}

/** The DTMF key of each option: its own key, else its position on the keypad. */
export function optionKeys(action: AskAction): (string | undefined)[] {
  return (action.options ?? []).map((o, i) => o.key ?? voiceLimits.keys[i])
}

/** "Press 1 for Sales." lines, one per option that has a key. */
export function pressLines(action: AskAction, language: string | undefined): string[] {
  const keys = optionKeys(action)
  return (action.options ?? []).flatMap((o, i) => (keys[i] ? [pressLine(language, keys[i]!, o.label)] : []))
}

function gather(action: AskAction, context: VoiceOutboundContext): Verb {
  const options = action.options ?? []
  const speechOnly = options.length === 0 && ['text', 'email', 'any'].includes(action.expect ?? 'any')
  const singleKeys = options.length > 0 && optionKeys(action).every((k) => k !== undefined && k.length === 1)
  const hints = (action.hints ?? options.map((o) => o.label)).map((h) => h.replace(/[,\s]+/g, ' ').trim().slice(0, 100)).filter(Boolean)
  const prompt = action.voice?.audio || action.voice?.ssml
    ? speak(action.text, context, action.voice)
    : speak([sentence(action.text), ...pressLines(action, context.language)].filter((t) => t !== '').join(' '), context)
  return {
    verb: 'Gather',
    attributes: {
      input: speechOnly ? 'speech' : 'dtmf speech',
      action: withQuery(context.actionUrl, 'gather', '1'),
      method: 'POST',
      numDigits: action.maxDigits ?? (singleKeys ? 1 : undefined),
      timeout: action.timeoutSeconds,
      speechTimeout: 'auto',
      language: twilioLanguage(context.language),
      hints: hints.length > 0 ? hints.join(',') : undefined,
    },
    children: prompt,
  }
}

/** Close a Latin-script prompt with a full stop before the "Press 1" lines, so TTS pauses. */
const sentence = (text: string) => (/[A-Za-z0-9\u00C0-\u024F]$/.test(text.trim()) ? `${text.trim()}.` : text.trim())

const PHONE = /^(?:tel:)?\+?[0-9][0-9 ().-]{4,}$/

function handOff(action: HandOffAction): Verb {
  const target = action.queue.trim()
  if (target.startsWith('sip:')) return { verb: 'Dial', children: [{ verb: 'Sip', text: target }] }
  if (PHONE.test(target)) return { verb: 'Dial', text: target.replace(/^tel:/, '').replace(/[ ().-]/g, '') }
  return { verb: 'Enqueue', text: target }
}

function redirect(url: string, name: string, value: string): Verb {
  return { verb: 'Redirect', attributes: { method: 'POST' }, text: withQuery(url, name, value) }
}

/** Append a query parameter to a URL that may already have a query string or a fragment. */
export function withQuery(url: string, name: string, value: string): string {
  const hash = url.indexOf('#')
  const [base, fragment] = hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)]
  const separator = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?'
  return `${base}${separator}${encodeURIComponent(name)}=${encodeURIComponent(value)}${fragment}`
}
