import { nodeTypes } from '../../nodes/index.ts'
import type { FlowNode } from '../../nodes/step.ts'
import type { Finding, FlowIndex, LintRule } from '../rule.ts'
import { findItem, itemName } from '../node-json.ts'
import { enter, pauses } from '../simulate.ts'

/** Exits other rules own ('error': http-without-error-exit; 'unsupported': channel-cannot-play), and 'timeout':
 *  a customer who stopped answering has left, so ending quietly there is right. */
const notHere = new Set(['timeout', 'error', 'unsupported'])

/**
 * Where a conversation stops without meaning to. Decided here:
 * - a node that neither waits nor ends, with no exit connected: error (the engine ends it as a dead end);
 * - an option or branch (an array item whose id is an exit) left unconnected: error;
 * - 'invalid' unconnected: warning, unless a no-match trigger catches customers who are not understood;
 * - any other unconnected exit of a node that goes straight on while others are connected: warning;
 * - a node that waits (a question, a hand-off) with none of its other exits connected: warning;
 *   a waiting node's single unconnected exit (a hand-off resolved) may end the conversation on purpose;
 * - a node whose step ends the conversation (End) is never a dead end;
 * - in a flow marked `subflow`, open exits return to the calling flow: nothing here is a dead end.
 */
export const deadEnd: LintRule = {
  code: 'dead-end',
  severity: 'error',
  description: 'A customer who reaches a step that leads nowhere is left without an answer or a goodbye.',
  check: (index) => {
    const { flow } = index
    const noMatchTrigger = (flow.triggers ?? []).some((t) => t.when === 'no-match')
    if (flow.subflow) return []
    const findings: Finding[] = []
    for (const node of flow.nodes) {
      const found = deadEnds(index, node, noMatchTrigger)
      if (found) findings.push(...found)
    }
    return findings
  },
}

/** The dead-end findings of one node (undefined when it has none). */
function deadEnds(index: FlowIndex, node: FlowNode, noMatchTrigger: boolean): Finding[] | undefined {
  const { flow, exitNames, label, pointer } = index
  if (!nodeTypes[node.type]) return undefined
  const names = exitNames(node)
  // the cheap check first: most nodes have every exit connected, and need no list built and no simulated step
  if (!names.some((exit) => !node.exits?.[exit] && !notHere.has(exit)) || enter(index, node).end) return undefined
  const open = names.filter((exit) => !node.exits?.[exit] && !notHere.has(exit))
  const waits = pauses(index, node)
  const connected = names.filter((exit) => node.exits?.[exit])
  if (!waits && !connected.length)
    return [
      { pointer: pointer(node), node: node.id, message: `${label(node)} leads nowhere: the conversation stops here. Connect it to the next step, or finish with an End step` },
    ]
  const findings: Finding[] = []
  const rest: string[] = []
  for (const exit of open) {
    const item = findItem(node, exit)
    if (item)
      findings.push({
        pointer: pointer(node, item.field, item.index),
        node: node.id,
        message: `${label(node)}: ${itemName(item, flow)} leads nowhere; connect it to the next step`,
      })
    else if (exit === 'invalid') {
      if (!noMatchTrigger)
        findings.push({
          pointer: pointer(node),
          node: node.id,
          severity: 'warning',
          message: `${label(node)}: a customer still not understood after the retries leaves the conversation; connect its 'invalid' exit (to a colleague, say)`,
        })
    } else rest.push(exit)
  }
  if (!waits)
    for (const exit of rest)
      findings.push({ pointer: pointer(node), node: node.id, severity: 'warning', message: `${label(node)}: its '${exit}' exit leads nowhere, so the conversation ends there` })
  else if (rest.length && !connected.some((exit) => !notHere.has(exit) && exit !== 'invalid'))
    findings.push({
      pointer: pointer(node),
      node: node.id,
      severity: 'warning',
      message: `${label(node)}: none of its exits (${rest.join(', ')}) is connected, so the conversation ends after it`,
    })
  return findings
}
