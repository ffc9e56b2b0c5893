import type { TemplateNode } from '../../types.gen.ts'
import type { NodeType, SendTemplateAction, StepContext } from '../step.ts'
import { matchOption } from '../match.ts'
import schema from './schema.json' with { type: 'json' }

function sendTemplate(node: TemplateNode, { render, text }: StepContext): SendTemplateAction {
  return {
    type: 'send-template',
    name: node.template,
    language: node.language,
    parameters: (node.parameters ?? []).map(render),
    ...(node.buttons && { buttons: node.buttons.map((b) => ({ id: b.id, label: b.label })) }),
    fallbackText: text(node.fallbackText),
  }
}

/**
 * An approved WhatsApp template: the only way to reopen a conversation outside the 24-hour window.
 * The step stays channel-neutral; channels without templates show the fallback text. A quick-reply
 * press arrives as a choice (the button id) or as its label typed back.
 */
export const template: NodeType<TemplateNode> = {
  type: 'template',
  schema,
  exitNames: (node) => (node.buttons?.length ? [...node.buttons.map((b) => b.id), 'other', 'timeout'] : ['next']),
  waitsForCustomer: (node) => !!node.buttons?.length,
  step: (node, context) => {
    const { event } = context
    const buttons = node.buttons ?? []
    if (event.type === 'node-entered') {
      const actions = [sendTemplate(node, context)]
      if (!buttons.length) return { actions, exit: 'next' }
      return { actions, wait: { kind: 'reply', ...(node.timeout && { timeoutSeconds: context.seconds(node.timeout) }) } }
    }
    if (event.type === 'timed-out') return { exit: 'timeout' }
    if (event.type !== 'message-received') return { wait: { kind: 'reply' } }
    const pressed = matchOption(buttons.map((b) => ({ id: b.id, labels: [b.label] })), event)
    return pressed ? { exit: pressed, noMatch: false } : { exit: 'other' }
  },
}
