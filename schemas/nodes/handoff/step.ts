import type { HandoffNode } from '../../types.gen.ts'
import type { Action, NodeType, Session, StepContext, StepResult } from '../step.ts'
import schema from './schema.json' with { type: 'json' }

const defaults = { priority: schema.properties.priority.default, text: schema.properties.text.default }

const show = (value: unknown) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value))

/** What an agent needs first when no summary is written: who, where, in which language, and what the bot collected. */
export function defaultSummary(session: Readonly<Session>): string {
  const { contact } = session
  const who = [contact.name, contact.phone].filter(Boolean).join(', ') || contact.id
  return [`Customer: ${who}`, `Channel: ${session.channel}`, `Language: ${session.language}`, ...Object.entries(session.vars).map(([name, value]) => `${name}: ${show(value)}`)].join('\n')
}

function handOff(node: HandoffNode, context: StepContext): StepResult {
  const { sla } = node
  const { at } = context.event
  const queue = context.render(node.queue)
  // Back in the same queue after a "sorry for the wait" rule: the customer already heard they are being
  // connected, the service level counts from the first wait, an alert already due is not repeated, and
  // an escalation already due happens at once.
  const queued = context.session.queued
  const again = queued?.queue === queue
  const since = again ? queued.since : at
  const waited = Math.floor((at - since) / 1000)
  const alertAfter = sla?.alertAfter ? context.seconds(sla.alertAfter) : undefined
  const escalateAfter = sla?.escalateAfter ? context.seconds(sla.escalateAfter) : undefined
  const alert = alertAfter && alertAfter > waited ? alertAfter - waited : undefined
  const escalate = escalateAfter ? Math.max(1, escalateAfter - waited) : undefined
  const timers = { ...(alert && { alert }), ...(escalate && { escalate }) }
  return {
    actions: [
      ...(again ? [] : [{ type: 'say', text: context.text(node.text ?? defaults.text) } as const]),
      {
        type: 'hand-off',
        queue,
        priority: node.priority ?? defaults.priority,
        skills: node.skills ?? [],
        summary: node.summary ? context.render(node.summary) : defaultSummary(context.session),
        ...(alert && { alertAfterSeconds: alert }),
        ...(escalate && { escalateAfterSeconds: escalate }),
        variables: structuredClone(context.session.vars),
      },
    ],
    wait: { kind: 'handoff' },
    ...(Object.keys(timers).length > 0 && { timers }),
    state: { since },
  }
}

/** A supervisor alert: which queue, which conversation and how long the customer has waited. */
function notify(node: HandoffNode, context: StepContext, event: 'sla-alert' | 'sla-escalated'): Action {
  const since = Number(context.state.since ?? context.event.at)
  return {
    type: 'notify',
    event,
    ...(node.notify && { url: node.notify }),
    body: { queue: context.render(node.queue), conversation: context.session.id, node: node.id, waitedSeconds: Math.round((context.event.at - since) / 1000) },
  }
}

/**
 * Hand-off to a human queue with an SLA ladder. The engine keeps the conversation in `handoff`
 * (the bot stays silent) until handoff-ended; the alert timer only notifies and keeps waiting, so
 * the escalate timer started on entry keeps running; the escalate timer leaves for the next tier.
 */
export const handoff: NodeType<HandoffNode> = {
  type: 'handoff',
  schema,
  exitNames: () => ['resolved', 'escalate'],
  waitsForCustomer: () => true,
  step: (node, context) => {
    const { event, state } = context
    if (event.type === 'node-entered') return handOff(node, context)
    if (event.type === 'handoff-ended')
      return { ...(node.closedText && { actions: [{ type: 'say', text: context.text(node.closedText) }] }), exit: 'resolved' }
    if (event.type === 'timer-fired' && event.timer === 'escalate') return { actions: [notify(node, context, 'sla-escalated')], exit: 'escalate' }
    if (event.type === 'timer-fired' && event.timer === 'alert') return { actions: [notify(node, context, 'sla-alert')], wait: { kind: 'handoff' }, state }
    return { wait: { kind: 'handoff' }, state }
  },
}
