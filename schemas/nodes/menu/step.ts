import type { MenuNode } from '../../types.gen.ts'
import type { AskAction, AskOption, NodeType, StepContext } from '../step.ts'
import { askFirst, retryOrLeave } from '../retry.ts'
import { localizedForms } from '../text-forms.ts'
import { matchOption } from '../match.ts'
import schema from './schema.json' with { type: 'json' }

const keyOf = (option: MenuNode['options'][number], index: number) => option.key ?? (index < 9 ? String(index + 1) : undefined)

// Loops rather than map/flatMap/spreads: this runs on every menu the engine enters and lint simulates.
function ask(node: MenuNode, { text, seconds }: StepContext): AskAction {
  const options: AskOption[] = []
  const hints: string[] = []
  for (let i = 0; i < node.options.length; i++) {
    const o = node.options[i]
    const option: AskOption = { id: o.id, label: text(o.label) }
    if (o.description) option.description = text(o.description)
    const key = keyOf(o, i)
    if (key) option.key = key
    options.push(option)
    hints.push(option.label)
  }
  // then every synonym, in any language, as typed hints
  for (const o of node.options) if (o.synonyms) for (const words of Object.values(o.synonyms)) hints.push(...((Array.isArray(words) ? words : [words]) as string[]))
  return {
    type: 'ask',
    text: text(node.text),
    expect: 'choice',
    options,
    hints,
    maxDigits: 1,
    ...(node.listButton && { listButton: text(node.listButton) }),
    ...(node.timeout && { timeoutSeconds: seconds(node.timeout) }),
    ...(node.voice && { voice: { ...(node.voice.ssml && { ssml: text(node.voice.ssml) }), ...(node.voice.audio && { audio: node.voice.audio }) } }),
  }
}

export const menu: NodeType<MenuNode> = {
  type: 'menu',
  schema,
  exitNames: (node) => [...node.options.map((o) => o.id), 'invalid', 'timeout'],
  waitsForCustomer: () => true,
  step: (node, context) => {
    const { event } = context
    if (event.type === 'node-entered') return askFirst(node, context, ask(node, context))
    if (event.type === 'timed-out') return retryOrLeave(node, context, 'timeout', () => ask(node, context))
    if (event.type !== 'message-received') return { wait: { kind: 'reply' }, state: context.state }
    // a button press names its option: what matchOption() would answer, without building every typed form first
    if (event.choice !== undefined && node.options.some((o) => o.id === event.choice)) return { exit: event.choice, noMatch: false }
    const options = node.options.map((o, i) => ({
      id: o.id,
      labels: localizedForms(o.label, context.session.language),
      synonyms: Object.values(o.synonyms ?? {}).flat() as string[],
      key: keyOf(o, i),
    }))
    const picked = matchOption(options, event)
    return picked ? { exit: picked, noMatch: false } : retryOrLeave(node, context, 'invalid', () => ask(node, context))
  },
}
