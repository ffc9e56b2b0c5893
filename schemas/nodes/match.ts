/**
 * How free text answers a question with options: by option id (a button), DTMF key, number,
 * label or synonym, and typo-tolerant ("trak my order" finds "Track your order").
 * Shared by every node that offers options (menu, input choice, yes/no, survey).
 */
import { distance } from 'fastest-levenshtein'

/** Lower-cases, strips accents and punctuation, folds spaces: "Trák  my Order!" -> "trak my order". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Whether the phrase occurs in the text as whole words (after normalising both). */
export function containsPhrase(text: string, phrase: string): boolean {
  const t = ` ${normalizeText(text)} `
  const p = normalizeText(phrase)
  return p.length > 0 && t.includes(` ${p} `)
}

export interface MatchableOption {
  id: string
  /** Labels in the customer's language (first) and any other forms it may be written in. */
  labels: string[]
  synonyms?: string[]
  key?: string
}

export interface Answer {
  text?: string
  choice?: string
  digits?: string
}

const similarity = (a: string, b: string) => 1 - distance(a, b) / Math.max(a.length, b.length, 1)

const tolerance = (w: string) => (w.length <= 5 ? 1 : 2)

/** Every normalised form an option may be typed as: its labels and synonyms. */
const forms = (o: MatchableOption) => [...o.labels, ...(o.synonyms ?? [])].map(normalizeText).filter(Boolean)

function tokenScore(input: string[], candidate: string): number {
  const words = candidate.split(' ').filter((w) => w.length >= 3)
  if (!words.length) return 0
  const hits = words.filter((w) => input.some((i) => distance(i, w) <= tolerance(w))).length
  return hits / words.length
}

/** Finds the option an answer picks, or undefined when none (or more than one equally) fits. */
export function matchOption(options: MatchableOption[], answer: Answer): string | undefined {
  if (answer.choice !== undefined) {
    const byId = options.find((o) => o.id === answer.choice)
    if (byId) return byId.id
  }
  const typed = answer.digits ?? answer.text ?? answer.choice
  if (typed === undefined) return undefined
  // before normalising: * and # are keys, but normalising strips them as punctuation
  const byKey = options.find((o) => o.key !== undefined && o.key === typed.trim())
  if (byKey) return byKey.id
  const text = normalizeText(typed)
  if (!text) return undefined
  // "12" answers the 12th option of a numbered text menu; options beyond the phone keys have no key of their own
  const byPosition = /^\d{1,2}$/.test(text) ? options[Number(text) - 1] : undefined
  if (byPosition && byPosition.key === undefined) return byPosition.id
  const exact = options.filter((o) => forms(o).includes(text))
  if (exact.length === 1) return exact[0].id
  const input = text.split(' ')
  let best: string | undefined
  let bestScore = 0
  let tie = false
  for (const option of options) {
    const score = Math.max(...forms(option).map((f) => (containsPhrase(text, f) ? 1 : Math.max(similarity(text, f) >= 0.75 ? similarity(text, f) : 0, tokenScore(input, f) >= 0.66 ? tokenScore(input, f) : 0))))
    if (score > bestScore) [best, bestScore, tie] = [option.id, score, false]
    else if (score === bestScore && score > 0) tie = true
  }
  return bestScore > 0 && !tie ? best : undefined
}
