/**
 * TwiML answers the webhook gives outside a normal turn: apologies (no flow for the number, an
 * internal error) and the holding answer when there is no fresh turn to render (a poll, or a
 * redelivery whose first answer is no longer remembered). Built from engine actions, so the
 * voice translator escapes and renders them like any other turn.
 */
import type { Action, Session } from '../../../schemas/nodes/step.ts'
import { renderTwiml, withQuery } from '../../channels/voice/outbound.ts'
import { twimlDocument, type Verb } from '../../channels/voice/twiml.ts'

const SORRY: Record<string, { unbound: string; error: string }> = {
  en: { unbound: 'Sorry, this number is not in service at the moment. Goodbye.', error: 'Sorry, something went wrong on our side. Please call again later. Goodbye.' },
  it: { unbound: 'Spiacenti, questo numero al momento non è attivo. Arrivederci.', error: 'Spiacenti, si è verificato un problema. Richiami più tardi. Arrivederci.' },
  es: { unbound: 'Lo sentimos, este número no está en servicio. Adiós.', error: 'Lo sentimos, algo ha fallado. Vuelva a llamar más tarde. Adiós.' },
  fr: { unbound: "Désolé, ce numéro n'est pas en service. Au revoir.", error: 'Désolé, un problème est survenu. Merci de rappeler plus tard. Au revoir.' },
  de: { unbound: 'Diese Nummer ist derzeit nicht erreichbar. Auf Wiederhören.', error: 'Leider ist ein Fehler aufgetreten. Bitte rufen Sie später wieder an. Auf Wiederhören.' },
  zh: { unbound: '抱歉，该号码暂时无法使用。再见。', error: '抱歉，系统出现问题，请稍后再拨。再见。' },
}

/** A short spoken apology, then hang up: the caller never meets silence. */
export function apologyTwiml(kind: 'unbound' | 'error', language = 'en'): string {
  const base = language.toLowerCase().split(/[-_]/)[0]
  const phrases = SORRY[base] ?? SORRY.en
  const actions: Action[] = [{ type: 'say', text: phrases[kind] }, { type: 'end', reason: 'error' }]
  return renderTwiml(actions, { actionUrl: '', language: SORRY[base] ? language : 'en' })
}

/**
 * An answer from the conversation's state alone. A question or voicemail the call stands at is
 * asked again through the gather's silence path (the engine re-prompts, so its words are the
 * flow's own); a conversation busy with a timer or a human keeps the line with a pause; an ended
 * or unknown one hangs up.
 */
export function holdingTwiml(session: Session | undefined, actionUrl: string): string {
  if (!session || session.status === 'ended') return twimlDocument([{ verb: 'Hangup' }])
  if (session.wait?.kind === 'reply' || session.wait?.kind === 'recording') return twimlDocument([redirect(withQuery(actionUrl, 'gather', 'empty'))])
  return twimlDocument([{ verb: 'Pause', attributes: { length: 2 } }, redirect(withQuery(actionUrl, 'poll', '1'))])
}

const redirect = (url: string): Verb => ({ verb: 'Redirect', attributes: { method: 'POST' }, text: url })
