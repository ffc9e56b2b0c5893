/**
 * Runs a node's pure step on a synthetic `node-entered` event, per channel and language, so rules
 * learn what a node says and asks from the actions it emits, never from its type. schemas/ may not
 * import runtime/, so this builds its own StepContext: texts are localized but {{placeholders}} stay
 * as written (their length stands in for the value's), logic evaluates to undefined, no clock.
 */
import type { Action, ChannelName, FlowNode, Session, StepContext, StepResult } from '../nodes/step.ts'
import { nodeTypes } from '../nodes/index.ts'
import { localize } from '../template.ts'
import { durationSeconds } from '../duration.ts'
import type { FlowIndex } from './rule.ts'

/**
 * Entry results per validation: index -> node -> "channel|language". A step that never reads the
 * channel (or reads no localized text) is stored under '*', so most nodes are simulated once.
 * Keyed by the index, not the node, so an edited node object is never answered from a stale run.
 */
const runs = new WeakMap<FlowIndex, Map<FlowNode, Map<string, StepResult>>>()

/** What the node does when a conversation arrives at it on this channel, in this language. */
export function enter(index: FlowIndex, node: FlowNode, channel: ChannelName = index.flow.channels[0], language = index.flow.defaultLanguage): StepResult {
  let byNode = runs.get(index)
  if (!byNode) runs.set(index, (byNode = new Map()))
  let results = byNode.get(node)
  if (!results) byNode.set(node, (results = new Map()))
  for (const key of ['*|*', `${channel}|*`, `*|${language}`, `${channel}|${language}`]) {
    const hit = results.get(key)
    if (hit) return hit
  }
  const { flow } = index
  let readsChannel = false
  let readsLanguage = false
  const session: Session = {
    id: 'lint',
    get channel() {
      readsChannel = true
      return channel
    },
    flow: flow.id,
    flowVersion: flow.version,
    status: 'active',
    node: node.id,
    nodeState: {},
    noMatch: 0,
    stack: [],
    vars: {},
    contact: { id: 'lint' },
    get language() {
      readsLanguage = true
      return language
    },
    timers: {},
    firedTriggers: [],
    seq: 0,
    startedAt: 0,
    updatedAt: 0,
  }
  const context: StepContext = {
    event: { type: 'node-entered', at: 0 },
    session,
    flow,
    state: {},
    text: (text) => {
      if (text !== null && typeof text === 'object') readsLanguage = true
      return localize(text, language, flow.defaultLanguage)
    },
    render: (template) => template,
    evaluate: () => undefined,
    seconds: (duration) => durationSeconds(duration) ?? 0,
  }
  let result: StepResult
  try {
    result = nodeTypes[node.type]?.step(node, context) ?? {}
  } catch {
    result = {}
  }
  results.set(`${readsChannel ? channel : '*'}|${readsLanguage ? language : '*'}`, result)
  return result
}

/** Whether a conversation arriving at the node stops there (for the customer, a timer, a service, a subflow) or ends. */
export function pauses(index: FlowIndex, node: FlowNode): boolean {
  if (nodeTypes[node.type]?.waitsForCustomer?.(node)) return true
  const result = enter(index, node)
  return !!(result.wait || result.call || result.end)
}

/** Actions a customer perceives (what channels render as messages, prompts or transfers). */
export const customerFacing = (action: Action) => ['say', 'ask', 'play', 'record', 'send-template', 'hand-off'].includes(action.type)

const channelNames: Record<ChannelName, string> = { whatsapp: 'WhatsApp', voice: 'the phone', webchat: 'web chat' }
/** How a channel is called in messages. */
export const channelName = (channel: ChannelName) => channelNames[channel] ?? channel
