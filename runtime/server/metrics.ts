/** Prometheus metrics (prom-client), fed by the host's observer hooks and the webhook routes. */
import client from 'prom-client'
import type { HostObserver } from '../host/host.ts'

export function createMetrics() {
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry })
  const inbound = new client.Counter({ name: 'switchboard_messages_in_total', help: 'Customer messages and events received, by channel.', labelNames: ['channel'], registers: [registry] })
  const outbound = new client.Counter({ name: 'switchboard_messages_out_total', help: 'Messages sent to customers, by channel.', labelNames: ['channel'], registers: [registry] })
  const visits = new client.Counter({ name: 'switchboard_node_visits_total', help: 'Node visits, by flow and node.', labelNames: ['flow', 'node'], registers: [registry] })
  const handoffs = new client.Counter({ name: 'switchboard_handoffs_total', help: 'Conversations handed to a human, by queue.', labelNames: ['queue'], registers: [registry] })
  const errors = new client.Counter({ name: 'switchboard_errors_total', help: 'Errors, by kind.', labelNames: ['kind'], registers: [registry] })
  const conflicts = new client.Counter({ name: 'switchboard_commit_conflicts_total', help: 'Commits refused as stale (another runtime on the same store wrote the conversation first) and run again, by channel.', labelNames: ['channel'], registers: [registry] })
  const active = new client.Gauge({ name: 'switchboard_active_conversations', help: 'Conversations not ended.', registers: [registry] })
  const webhookLatency = new client.Histogram({
    name: 'switchboard_webhook_duration_seconds',
    help: 'Time to answer a provider webhook, by channel.',
    labelNames: ['channel'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  })

  const observer: HostObserver = {
    inbound: (ref) => inbound.inc({ channel: ref.channel }),
    actions: (ref, actions, session) => {
      const nodes = new Set(actions.map((a) => a.node).filter((n): n is string => !!n))
      for (const node of nodes) visits.inc({ flow: session.flow, node })
      for (const a of actions) {
        if (a.type === 'hand-off') handoffs.inc({ queue: a.queue })
        if ((a.type === 'say' || a.type === 'ask' || a.type === 'send-template') && ref.channel === 'voice') outbound.inc({ channel: 'voice' })
        if (a.type === 'end' && a.reason === 'error') errors.inc({ kind: 'flow' })
      }
    },
    sent: (record) => outbound.inc({ channel: record.ref.channel }),
    failed: () => errors.inc({ kind: 'send' }),
    unrouted: () => errors.inc({ kind: 'unrouted' }),
    error: (_, context) => errors.inc({ kind: context }),
    conflict: (ref) => conflicts.inc({ channel: ref.channel }),
  }
  return { registry, observer, active, webhookLatency, errors, inbound }
}

export type Metrics = ReturnType<typeof createMetrics>
