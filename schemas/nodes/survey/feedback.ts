/**
 * How survey answers become report data: a score read from a tap, a number or a label, its band
 * (promoter / passive / detractor…), and free feedback sorted into the Social CRM categories.
 */
import type { SurveyNode } from '../../types.gen.ts'
import { containsPhrase, matchOption, normalizeText, type Answer, type MatchableOption } from '../match.ts'

export type ScoreKind = Exclude<SurveyNode['kind'], 'text'>
export type Category = 'complaint' | 'requirement' | 'suggestion' | 'praise'

/** Lowest and highest score of each rating scale. */
export const scales: Record<ScoreKind, { min: number; max: number }> = { csat: { min: 1, max: 5 }, nps: { min: 0, max: 10 } }

/** The exit a score leads to: CSAT 4-5 positive, 3 neutral, 1-2 negative; NPS 9-10 promoter, 7-8 passive, 0-6 detractor. */
export function band(kind: ScoreKind, score: number): string {
  if (kind === 'csat') return score >= 4 ? 'positive' : score === 3 ? 'neutral' : 'negative'
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor'
}

const typedScore = /^(\d{1,2})\s*(?:\/\s*(?:5|10)|[⭐★]+|stars?|stelle|星)?$/i
const onlyStars = /^[⭐★\s]+$/u

/** The score an answer gives: a tapped option (its id is the score), "4", "4/5", "⭐⭐⭐⭐", DTMF digits, a custom label, or the one number in a sentence ("I would give you a 9"). */
export function readScore(kind: ScoreKind, answer: Answer, labels: MatchableOption[]): number | undefined {
  const { min, max } = scales[kind]
  const inRange = (n: number) => (Number.isInteger(n) && n >= min && n <= max ? n : undefined)
  const typed = (answer.choice ?? answer.digits ?? answer.text ?? '').trim()
  if (!typed) return undefined
  if (onlyStars.test(typed)) return inRange([...typed.replace(/\s/g, '')].length)
  const number = typedScore.exec(typed)
  if (number) return inRange(Number(number[1]))
  const picked = labels.length ? matchOption(labels, answer) : undefined
  if (picked !== undefined) return inRange(Number(picked))
  const numbers = typed.match(/\d+/g) ?? []
  return numbers.length === 1 ? inRange(Number(numbers[0])) : undefined
}

/**
 * Built-in words per category and language. A message with any complaint word is a complaint,
 * so a complaint wrapped in a thank-you is never lost; then requirement, suggestion, praise.
 */
export const categoryWords: Record<Category, Record<string, string[]>> = {
  complaint: {
    en: ['bad', 'terrible', 'awful', 'horrible', 'worst', 'broken', 'late', 'slow', 'too slow', 'never arrived', 'never came', 'not arrived', 'not working', "doesn't work", 'does not work', "didn't work", 'disappointed', 'disappointing', 'angry', 'rude', 'complaint', 'complain', 'a problem', 'problems', 'an issue', 'issues', 'refund', 'waste', 'poor', 'damaged', 'wrong', 'unacceptable', 'useless', 'not happy', 'not good', 'not great', 'unhappy', 'not satisfied', 'dissatisfied', 'still waiting'],
    it: ['pessimo', 'pessima', 'terribile', 'orribile', 'rotto', 'rotta', 'ritardo', 'in ritardo', 'non funziona', 'non è arrivato', 'mai arrivato', 'deluso', 'delusa', 'delusione', 'reclamo', 'un problema', 'problemi', 'rimborso', 'lento', 'lenta', 'sbagliato', 'sbagliata', 'danneggiato', 'danneggiata', 'inaccettabile', 'vergogna', 'scortese', 'maleducato', 'non va bene', 'non sono soddisfatto', 'non sono soddisfatta', 'insoddisfatto', 'insoddisfatta'],
    zh: ['太差', '很差', '糟糕', '投诉', '坏了', '退款', '太慢', '很慢', '失望', '不满意', '没收到', '态度不好', '有问题', '不能用', '错了'],
  },
  requirement: {
    en: ['need', 'needs', 'must', 'have to', 'required', 'requirement', 'missing', 'please add', 'should have', 'should be able', 'i want', 'we want', 'i wish', 'can you add', 'support for'],
    it: ['ho bisogno', 'abbiamo bisogno', 'serve', 'servirebbe', 'dovrebbe', 'dovreste', 'manca', 'mancano', 'vorrei', 'aggiungete', 'richiesta', 'necessario', 'obbligatorio'],
    zh: ['需要', '必须', '缺少', '要求', '请增加', '请添加', '应该有'],
  },
  suggestion: {
    en: ['suggest', 'suggestion', 'maybe', 'perhaps', 'would be nice', 'would be great', 'would be better', 'it would help', 'idea', 'improve', 'improvement', 'better if', 'recommend', 'consider', 'how about', 'what about', 'you could', 'could you'],
    it: ['suggerisco', 'suggerimento', 'consiglio', 'consiglierei', 'sarebbe bello', 'sarebbe utile', 'sarebbe meglio', 'potreste', 'migliorare', 'miglioramento', 'idea', 'proposta', 'magari', 'forse'],
    zh: ['建议', '可以考虑', '如果能', '希望能', '最好', '改进', '改善', '要是'],
  },
  praise: {
    en: ['great', 'excellent', 'amazing', 'awesome', 'love', 'loved', 'perfect', 'thank you', 'thanks', 'helpful', 'fantastic', 'good', 'good job', 'well done', 'nice', 'friendly', 'happy', 'satisfied', 'wonderful', 'the best', 'brilliant'],
    it: ['ottimo', 'ottima', 'eccellente', 'fantastico', 'fantastica', 'perfetto', 'perfetta', 'grazie', 'bravi', 'bravo', 'brava', 'gentile', 'gentilissimi', 'contento', 'contenta', 'soddisfatto', 'soddisfatta', 'adoro', 'complimenti', 'benissimo', 'molto bene'],
    zh: ['很好', '非常好', '太棒', '棒', '满意', '谢谢', '感谢', '喜欢', '完美', '优秀', '专业', '给力'],
  },
}

const categoryOrder: Category[] = ['complaint', 'requirement', 'suggestion', 'praise']
const han = /\p{Script=Han}/u
const squash = (s: string) => normalizeText(s).replace(/ /g, '')

/** Whole words for spaced languages; plain substrings for Chinese, which has no spaces between words. */
function mentions(text: string, phrase: string): boolean {
  return han.test(phrase) ? squash(phrase).length > 0 && squash(text).includes(squash(phrase)) : containsPhrase(text, phrase)
}

/**
 * Sorts free feedback into a category using the words of every language (customers mix them) plus
 * the node's own words. Feedback with none of the words is a suggestion: unprompted remarks are
 * most often ideas, and a suggestion is reviewed rather than dropped.
 */
export function categorize(text: string, extra: SurveyNode['categories'] = {}): Category {
  const words = (category: Category) => [...Object.values(categoryWords[category]), ...Object.values(extra[category] ?? {})].flatMap((w) => w ?? [])
  return categoryOrder.find((category) => words(category).some((w) => mentions(text, w))) ?? 'suggestion'
}
