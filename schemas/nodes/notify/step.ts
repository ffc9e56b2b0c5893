import type { NotifyNode } from '../../types.gen.ts'
import type { NodeType, Session, StepContext } from '../step.ts'
import schema from './schema.json' with { type: 'json' }

/** Renders every string of a JSON value as a template; numbers, booleans and the shape stay as written. */
function renderJson(value: unknown, render: (template: string) => string): unknown {
  if (typeof value === 'string') return render(value)
  if (Array.isArray(value)) return value.map((item) => renderJson(item, render))
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderJson(item, render)]))
  return value
}

/** Who, where and at which step, for a notification without a body of its own. */
function defaultBody(session: Readonly<Session>, node: NotifyNode): Record<string, unknown> {
  const { contact } = session
  return {
    conversation: session.id,
    channel: session.channel,
    contact: { id: contact.id, ...(typeof contact.name === 'string' && { name: contact.name }), ...(typeof contact.phone === 'string' && { phone: contact.phone }) },
    language: session.language,
    flow: session.flow,
    node: node.id,
    ...(node.name && { name: node.name }),
  }
}

/** Posts and moves on: the host sends the notification from its durable outbox, so the customer never waits for it. */
export const notify: NodeType<NotifyNode> = {
  type: 'notify',
  schema,
  exitNames: () => ['next'],
  step: (node, context: StepContext) => ({
    actions: [
      {
        type: 'notify',
        event: 'escalation',
        url: context.render(node.url),
        body: node.body ? (renderJson(node.body, context.render) as Record<string, unknown>) : defaultBody(context.session, node),
      },
    ],
    exit: 'next',
  }),
}
