import type { Flow, MessageReceived, Session } from '../../schemas/nodes/step.ts'
import type { Trigger } from '../../schemas/types.gen.ts'
import { containsPhrase, normalizeText } from '../../schemas/nodes/match.ts'
import { evaluateLogic } from './logic.ts'

/** Every language's words of a trigger: customers write "stop" in an Italian chat too. */
const allWords = (trigger: Trigger) => Object.values(trigger.keywords ?? {}).flatMap((w) => w ?? [])

function isShouting(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '')
  return letters.length >= 6 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()
}

/** The keyword or negative-sentiment trigger a customer message sets off, if any (first in file order wins). */
export function messageTrigger(flow: Flow, message: MessageReceived): Trigger | undefined {
  const text = message.text ?? ''
  if (!text.trim()) return undefined
  const normalized = normalizeText(text)
  return (flow.triggers ?? []).find((trigger) => {
    if (trigger.when === 'keyword') return allWords(trigger).some((w) => normalizeText(w) === normalized)
    if (trigger.when === 'negative') return allWords(trigger).some((w) => containsPhrase(text, w)) || (!!trigger.allCaps && isShouting(text))
    return false
  })
}

/** A condition trigger that holds now and has not fired yet in this conversation. */
export function conditionTrigger(flow: Flow, session: Session, scope: Record<string, unknown>): Trigger | undefined {
  return (flow.triggers ?? []).find(
    (t) => t.when === 'condition' && !session.firedTriggers.includes(t.id) && !!evaluateLogic(t.condition, scope),
  )
}

/** The no-match trigger whose count the conversation has just reached. */
export function noMatchTrigger(flow: Flow, session: Session): Trigger | undefined {
  return (flow.triggers ?? []).find((t) => t.when === 'no-match' && session.noMatch >= (t.count ?? Infinity))
}
