import type { InputNode } from '../../types.gen.ts'
import type { AskAction, AskOption, MessageReceived, NodeType, StepContext } from '../step.ts'
import { askFirst, retryOrLeave } from '../retry.ts'
import { localizedForms } from '../text-forms.ts'
import { matchOption, type MatchableOption } from '../match.ts'
import { parseDate, parseEmail, parseNumber, parsePattern, parsePhone } from './answer.ts'
import schema from './schema.json' with { type: 'json' }

type Kind = NonNullable<InputNode['kind']>

const expectOf: Record<Kind, AskAction['expect']> = { text: 'text', number: 'number', email: 'email', phone: 'phone', date: 'date', choice: 'choice', regex: 'text', 'yes-no': 'yes-no' }

/** How customers say yes and no, whatever the flow's language; the buttons carry ids 'yes' / 'no'. */
const yesNo: MatchableOption[] = [
  { id: 'yes', labels: ['Yes'], synonyms: ['y', 'yes', 'yeah', 'yep', 'ok', 'okay', 'sure', 'si', 'sì', 'sí', 'oui', 'ja', 'sim', '是', '是的', '对', '好'], key: '1' },
  { id: 'no', labels: ['No'], synonyms: ['n', 'no', 'nope', 'non', 'nein', 'não', 'nao', '否', '不', '不是'], key: '2' },
]

/** Button labels for yes/no in the conversation's language (English when we have none). */
const yesNoLabels: Record<string, [string, string]> = { en: ['Yes', 'No'], it: ['Sì', 'No'], es: ['Sí', 'No'], fr: ['Oui', 'Non'], de: ['Ja', 'Nein'], pt: ['Sim', 'Não'], zh: ['是', '否'] }
const labelsFor = (language: string) => yesNoLabels[language.split('-')[0]] ?? yesNoLabels.en

function choiceOptions(node: InputNode, context: StepContext): MatchableOption[] {
  if (node.kind === 'yes-no') return yesNo
  return (node.choices ?? []).map((c, i) => ({
    id: c.id,
    labels: localizedForms(c.label, context.session.language),
    synonyms: Object.values(c.synonyms ?? {}).flat() as string[],
    ...(i < 9 && { key: String(i + 1) }),
  }))
}

function askOptions(node: InputNode, context: StepContext): AskOption[] | undefined {
  if (node.kind === 'yes-no') return yesNo.map((o, i) => ({ id: o.id, label: labelsFor(context.session.language)[i], key: o.key }))
  if (node.kind === 'choice') return (node.choices ?? []).map((c, i) => ({ id: c.id, label: context.text(c.label), ...(i < 9 && { key: String(i + 1) }) }))
  return undefined
}

function ask(node: InputNode, context: StepContext): AskAction {
  const options = askOptions(node, context)
  const synonyms = node.kind === 'choice' ? (node.choices ?? []).flatMap((c) => Object.values(c.synonyms ?? {}).flat() as string[]) : []
  return {
    type: 'ask',
    text: context.text(node.text),
    expect: expectOf[node.kind ?? 'text'],
    ...(options && { options, hints: [...options.map((o) => o.label), ...synonyms], maxDigits: 1 }),
    ...(node.timeout && { timeoutSeconds: context.seconds(node.timeout) }),
    ...(node.voice && { voice: { ...(node.voice.ssml && { ssml: context.text(node.voice.ssml) }), ...(node.voice.audio && { audio: node.voice.audio }) } }),
  }
}

const inRange = (node: InputNode, n: number | undefined) => (n !== undefined && (node.min === undefined || n >= node.min) && (node.max === undefined || n <= node.max) ? n : undefined)

/** The value to save, or undefined when the answer does not fit the kind. */
function valueOf(node: InputNode, event: MessageReceived, context: StepContext): unknown {
  const kind = node.kind ?? 'text'
  if (kind === 'choice' || kind === 'yes-no') {
    const picked = matchOption(choiceOptions(node, context), event)
    return kind === 'yes-no' && picked ? picked === 'yes' : picked
  }
  const typed = (event.text ?? event.digits ?? event.choice)?.trim()
  if (!typed) return undefined
  if (kind === 'number') return inRange(node, parseNumber(typed))
  if (kind === 'email') return parseEmail(typed)
  if (kind === 'phone') return parsePhone(typed)
  if (kind === 'date') return parseDate(typed)
  if (kind === 'regex') return parsePattern(typed, node.pattern)
  return typed
}

/** The question node: asks, checks the answer fits its kind, saves it in `saveAs`, re-asks when it does not. */
export const input: NodeType<InputNode> = {
  type: 'input',
  schema,
  exitNames: () => ['ok', 'invalid', 'timeout'],
  setsVariables: (node) => [node.saveAs],
  waitsForCustomer: () => true,
  step: (node, context) => {
    const { event } = context
    if (event.type === 'node-entered') return askFirst(node, context, ask(node, context))
    if (event.type === 'timed-out') return retryOrLeave(node, context, 'timeout', () => ask(node, context))
    if (event.type !== 'message-received') return { wait: { kind: 'reply' }, state: context.state }
    const value = valueOf(node, event, context)
    return value === undefined ? retryOrLeave(node, context, 'invalid', () => ask(node, context)) : { set: { [node.saveAs]: value }, noMatch: false, exit: 'ok' }
  },
}
