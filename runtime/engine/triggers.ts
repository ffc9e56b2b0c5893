import type { Flow, MessageReceived, Session } from '../../schemas/nodes/step.ts'
import type { Trigger } from '../../schemas/types.gen.ts'
import { containsPhrase, normalizeText } from '../../schemas/nodes/match.ts'
import { isOpen } from '../../schemas/nodes/hours/step.ts'
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
export function messageTrigger(flow: Flow, session: Session, message: MessageReceived): Trigger | undefined {
  const text = message.text ?? ''
  if (!text.trim()) return undefined
  const normalized = normalizeText(text)
  return (flow.triggers ?? []).find((trigger) => {
    if (!leads(trigger) || (trigger.once && hasFired(session, trigger))) return false
    if (trigger.when === 'keyword') return isKeyword(trigger, normalized)
    if (trigger.when === 'negative') return allWords(trigger).some((w) => containsPhrase(text, w)) || (!!trigger.allCaps && isShouting(text))
    return false
  })
}

/** A rule leads somewhere: to its node, or to opting out. One drawn but not yet connected never fires. */
const leads = (trigger: Trigger) => trigger.do === 'opt-out' || !!trigger.goto

/** Whether a rule that fires once per conversation already has (condition and outside-hours always do; others when `once`). */
export const hasFired = (session: Session, trigger: Trigger) => session.firedTriggers.includes(trigger.id)
export const firesOnce = (trigger: Trigger) => !!trigger.once || trigger.when === 'condition' || trigger.when === 'outside-hours'

/** An outside-hours trigger whose calendar says closed at `at` (first in file order); an unknown time zone never fires (lint reports it). */
export function closedTrigger(flow: Flow, session: Session, at: number): Trigger | undefined {
  return (flow.triggers ?? []).find((t) => {
    if (t.when !== 'outside-hours' || !leads(t) || !t.timezone || !t.weekly || hasFired(session, t)) return false
    try {
      return !isOpen({ timezone: t.timezone, weekly: t.weekly, holidays: t.holidays }, at)
    } catch {
      return false
    }
  })
}

/** The queue-wait triggers that watch a queue (all queues when a trigger names none) and may still fire. */
export function queueWaitTriggers(flow: Flow, session: Session, queue: string | undefined): Trigger[] {
  return (flow.triggers ?? []).filter(
    (t) => t.when === 'queue-wait' && leads(t) && !(t.once && hasFired(session, t)) && (!t.queues?.length || (queue !== undefined && t.queues.includes(queue))),
  )
}

/** A condition trigger that holds now and has not fired yet in this conversation. */
export function conditionTrigger(flow: Flow, session: Session, scope: Record<string, unknown>): Trigger | undefined {
  return (flow.triggers ?? []).find(
    (t) => t.when === 'condition' && leads(t) && !hasFired(session, t) && !!evaluateLogic(t.condition, scope),
  )
}

/** The no-match trigger whose count the conversation has just reached. */
export function noMatchTrigger(flow: Flow, session: Session): Trigger | undefined {
  return (flow.triggers ?? []).find((t) => t.when === 'no-match' && leads(t) && !(t.once && hasFired(session, t)) && session.noMatch >= (t.count ?? Infinity))
}
