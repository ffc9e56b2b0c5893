import type { LintRule, Finding } from '../rule.ts'
import { triggerLabel } from '../node-json.ts'

/** Queue names the flow's hand-offs use; undefined when one is computed ({{variables}}), since then any name may occur. */
function handOffQueues(nodes: readonly { type: string; queue?: unknown }[]): Set<string> | undefined {
  const queues = new Set<string>()
  for (const node of nodes) {
    if (node.type !== 'handoff' || typeof node.queue !== 'string') continue
    if (node.queue.includes('{{')) return undefined
    queues.add(node.queue)
  }
  return queues
}

/** A queue-wait rule watches hand-offs: with none in the flow, or only other queues, it can never fire. */
export const triggerNeverFires: LintRule = {
  code: 'trigger-never-fires',
  severity: 'warning',
  description: 'A "waited in the queue" rule without a hand-off to that queue never fires, so the promised apology or escalation never happens.',
  check: ({ flow }) => {
    const findings: Finding[] = []
    const queues = handOffQueues(flow.nodes)
    ;(flow.triggers ?? []).forEach((trigger, i) => {
      if (trigger.when !== 'queue-wait' || !queues) return
      if (queues.size === 0) {
        findings.push({ pointer: `/triggers/${i}`, message: `${triggerLabel(trigger)} waits for a queue, but no Hand-off in this flow puts the customer in one` })
        return
      }
      ;(trigger.queues ?? []).forEach((queue, q) => {
        if (!queues.has(queue))
          findings.push({ pointer: `/triggers/${i}/queues/${q}`, message: `${triggerLabel(trigger)} watches the queue '${queue}', which no Hand-off uses (they use ${[...queues].map((name) => `'${name}'`).join(', ')})` })
      })
    })
    return findings
  },
}
