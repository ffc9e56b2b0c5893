import type { MenuNode } from '../../types.gen.ts'
import type { AskAction, NodeType, StepContext } from '../step.ts'
import { askFirst, retryOrLeave } from '../retry.ts'
import { localizedForms } from '../text-forms.ts'
import { matchOption } from '../match.ts'
import schema from './schema.json' with { type: 'json' }

const keyOf = (option: MenuNode['options'][number], index: number) => option.key ?? (index < 9 ? String(index + 1) : undefined)

function ask(node: MenuNode, { text, seconds }: StepContext): AskAction {
  const labels = node.options.map((o) => text(o.label))
  return {
    type: 'ask',
    text: text(node.text),
    expect: 'choice',
    options: node.options.map((o, i) => ({
      id: o.id,
      label: labels[i],
      ...(o.description && { description: text(o.description) }),
      ...(keyOf(o, i) && { key: keyOf(o, i) }),
    })),
    hints: [...labels, ...node.options.flatMap((o) => Object.values(o.synonyms ?? {}).flat() as string[])],
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
