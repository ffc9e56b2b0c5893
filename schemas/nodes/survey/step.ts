import type { SurveyNode } from '../../types.gen.ts'
import type { AskAction, AskOption, NodeType, SayAction, StepContext, StepResult } from '../step.ts'
import { askFirst, retryOrLeave } from '../retry.ts'
import { localizedForms } from '../text-forms.ts'
import { band, categorize, readScore, scales, type ScoreKind } from './feedback.ts'
import schema from './schema.json' with { type: 'json' }

const scoresOf = (kind: ScoreKind) => Array.from({ length: scales[kind].max - scales[kind].min + 1 }, (_, i) => scales[kind].min + i)
const defaultLabel = (kind: ScoreKind, score: number) => (kind === 'csat' ? `${score} ⭐` : String(score))

function options(node: SurveyNode, kind: ScoreKind, context: StepContext): AskOption[] {
  return scoresOf(kind).map((score, i) => ({
    id: String(score),
    label: node.labels?.[i] ? context.text(node.labels[i]) : defaultLabel(kind, score),
    ...(score <= 9 && { key: String(score) }),
  }))
}

function ask(node: SurveyNode, context: StepContext): AskAction {
  const timeout = node.timeout ? { timeoutSeconds: context.seconds(node.timeout) } : {}
  const question = context.text(node.question)
  if (node.kind === 'text') return { type: 'ask', text: question, expect: 'text', ...timeout }
  const offered = options(node, node.kind, context)
  return {
    type: 'ask',
    text: question,
    expect: 'choice',
    options: offered,
    ...(node.labels?.length && { hints: offered.map((o) => o.label) }),
    maxDigits: node.kind === 'nps' ? 2 : 1,
    ...timeout,
  }
}

/** Records the answer (save-feedback for reports, saveAs for the flow), thanks, and leaves by its exit. */
function recorded(node: SurveyNode, context: StepContext, answer: { score?: number; text?: string }, exit: string): StepResult {
  const thanks: SayAction[] = node.thankYou ? [{ type: 'say', text: context.text(node.thankYou) }] : []
  const category = exit as 'complaint' | 'requirement' | 'suggestion' | 'praise'
  return {
    actions: [{ type: 'save-feedback', kind: node.kind, ...answer, ...(node.kind === 'text' && { category }) }, ...thanks],
    ...(node.saveAs && { set: { [node.saveAs]: answer.score ?? answer.text } }),
    exit,
    noMatch: false,
  }
}

/**
 * CSAT, NPS or free-text feedback. Scores arrive as a tap (option id = score), a typed number or
 * DTMF digits; free text is sorted into complaint / requirement / suggestion / praise.
 */
export const survey: NodeType<SurveyNode> = {
  type: 'survey',
  schema,
  exitNames: (node) => {
    const bands = { csat: ['positive', 'neutral', 'negative'], nps: ['promoter', 'passive', 'detractor'], text: ['suggestion', 'requirement', 'complaint', 'praise'] }
    return [...bands[node.kind], 'invalid', 'timeout']
  },
  setsVariables: (node) => (node.saveAs ? [node.saveAs] : []),
  waitsForCustomer: () => true,
  step: (node, context) => {
    const { event } = context
    if (event.type === 'node-entered') return askFirst(node, context, ask(node, context))
    if (event.type === 'timed-out') return retryOrLeave(node, context, 'timeout', () => ask(node, context))
    if (event.type !== 'message-received') return { wait: { kind: 'reply' }, state: context.state }
    if (node.kind === 'text') {
      const text = event.text?.trim()
      return text ? recorded(node, context, { text }, categorize(text, node.categories)) : retryOrLeave(node, context, 'invalid', () => ask(node, context))
    }
    const labels = (node.labels ?? []).map((label, i) => ({ id: String(scales[node.kind as ScoreKind].min + i), labels: localizedForms(label, context.session.language) }))
    const score = readScore(node.kind, event, labels)
    return score === undefined ? retryOrLeave(node, context, 'invalid', () => ask(node, context)) : recorded(node, context, { score }, band(node.kind, score))
  },
}
