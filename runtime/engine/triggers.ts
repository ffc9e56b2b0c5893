import type { Flow, MessageReceived, Session } from '../../schemas/nodes/step.ts'
import type { Trigger } from '../../schemas/types.gen.ts'
import { containsPhrase, normalizeText } from '../../schemas/nodes/match.ts'
import { evaluateLogic } from './logic.ts'

/** Every language's words of a trigger: customers write "stop" in an Italian chat too. */
const allWords = (trigger: Trigger) => Object.values(trigger.keywords ?? {}).flatMap((w) => w ?? [])

/** Keywords as normalizeText() writes them, memoised by the word: every message checks every keyword,
 *  and normalising was most of that. Keyed by the word, not the trigger, so a flow edited in place
 *  (the simulator) is never answered from a stale entry; keywords are few, so the memo stays small. */
const normalizedWords = new Map<string, string>()
function normalizedWord(word: string): string {
  let normalized = normalizedWords.get(word)
  if (normalized === undefined) normalizedWords.set(word, (normalized = normalizeText(word)))
  return normalized
}

/** Whether a normalised message is one of the trigger's keywords, in any language (no lists built per message). */
function isKeyword(trigger: Trigger, normalized: string): boolean {
  for (const language in trigger.keywords) for (const word of trigger.keywords[language] ?? []) if (normalizedWord(word) === normalized) return true
  return false
}

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
    if (trigger.when === 'keyword') return isKeyword(trigger, normalized)
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
