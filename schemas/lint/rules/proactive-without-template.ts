import type { FlowNode } from '../../nodes/step.ts'
import type { LintRule } from '../rule.ts'
import { customerFacing, enter } from '../simulate.ts'

/**
 * A flow the business starts (proactive) on WhatsApp must open with an approved template: outside the
 * 24-hour window WhatsApp refuses anything else. Follows the start through steps that say nothing
 * (set, condition) to the first thing the customer would receive.
 */
export const proactiveWithoutTemplate: LintRule = {
  code: 'proactive-without-template',
  severity: 'error',
  description: 'WhatsApp refuses a business-started conversation that does not open with an approved template.',
  check: (index) => {
    const { flow, byId, label, pointer } = index
    if (!flow.proactive || !flow.channels.includes('whatsapp')) return []
    const seen = new Set<string>()
    let node: FlowNode | undefined = byId.get(flow.start)
    while (node && !seen.has(node.id)) {
      seen.add(node.id)
      const result = enter(index, node, 'whatsapp')
      const first = (result.actions ?? []).find(customerFacing)
      if (first)
        return first.type === 'send-template'
          ? []
          : [
              {
                pointer: pointer(node),
                node: node.id,
                message: `This flow starts conversations on WhatsApp, so its first message must be an approved template; ${label(node)} sends an ordinary message, which WhatsApp refuses outside the 24 hours after the customer last wrote`,
              },
            ]
      if (result.wait || result.end || result.call || !result.exit) break
      node = byId.get(node.exits?.[result.exit] ?? '')
    }
    return byId.has(flow.start) ? [{ pointer: '/start', message: 'This flow starts conversations on WhatsApp, so it must open with an approved template, but it sends none' }] : []
  },
}
