import { voiceLimits as limits } from '../../channel-limits.ts'
import type { Finding, LintRule } from '../rule.ts'
import { findItem, itemName } from '../node-json.ts'
import { enter } from '../simulate.ts'

/**
 * What a phone keypad can do with what each node asks on entry: keys are 0-9, * and # (several only
 * when the node collects more than one digit), and one prompt offers at most 9 options by key.
 * Duplicate keys are duplicate-option's.
 */
export const voiceLimits: LintRule = {
  code: 'voice-limits',
  severity: 'error',
  description: 'Callers can only press the keys a phone has, and cannot be offered more than 9 options in one prompt.',
  check: (index) => {
    const { flow, label, pointer } = index
    if (!flow.channels.includes('voice')) return []
    const findings: Finding[] = []
    for (const node of flow.nodes) {
      for (const ask of enter(index, node, 'voice').actions ?? []) {
        if (ask.type !== 'ask' || !ask.options?.length) continue
        const digits = ask.maxDigits ?? 1
        if (ask.options.length > limits.options && digits <= 1)
          findings.push({
            pointer: pointer(node),
            node: node.id,
            message: `${label(node)} offers ${ask.options.length} options on the phone, but callers can be offered only ${limits.options} by key; options beyond ${limits.options} need a 'more options' path (a second menu)`,
          })
        for (const option of ask.options) {
          if (option.key === undefined) continue
          // one character (the usual '1'…'9') is checked as it is, without splitting it into characters
          const valid = option.key.length <= digits && (option.key.length === 1 ? limits.keys.includes(option.key) : [...option.key].every((k) => limits.keys.includes(k)))
          if (valid) continue
          const item = findItem(node, option.id)
          findings.push({
            pointer: item ? pointer(node, item.field, item.index, ...(item.item.key !== undefined ? ['key'] : [])) : pointer(node),
            node: node.id,
            message: `${label(node)}: ${item ? itemName(item, flow) : `option '${option.label}'`} uses key '${option.key}', which callers cannot press (keys are 0-9, * and #)`,
          })
        }
      }
    }
    return findings
  },
}
