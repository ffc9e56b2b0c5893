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
import { perValidation } from './memo.ts'

/** A node's entry results, and whether its step read the channel or the language (else one result serves all). */
interface NodeRuns {
  channel: boolean
  language: boolean
  /** The one result when the step read neither: what most nodes give every rule, with no key and no map. */
  only?: StepResult
  results?: Map<string, StepResult>
}

/**
 * Entry results per validation: index -> node -> runs. A step that never reads the channel (or reads
 * no localized text) is simulated once for every channel (or language), so most nodes run once.
 * Keyed by the index, not the node, so an edited node object is never answered from a stale run.
 */
const runsOf = perValidation(() => new Map<FlowNode, NodeRuns>())

const keyOf = (node: NodeRuns, channel: string, language: string) => (node.channel ? (node.language ? `${channel}|${language}` : channel) : node.language ? `|${language}` : '')

/** What the node does when a conversation arrives at it on this channel, in this language. */
export function enter(index: FlowIndex, node: FlowNode, channel: ChannelName = index.flow.channels[0], language = index.flow.defaultLanguage): StepResult {
  const byNode = runsOf(index)
  const known = byNode.get(node)
  if (known) {
    if (known.only) return known.only
    const hit = known.results?.get(keyOf(known, channel, language))
    if (hit) return hit
  }
  const run = simulate(index, node, channel, language)
  if (!known && !run.readsChannel && !run.readsLanguage) {
    byNode.set(node, { channel: false, language: false, only: run.result })
    return run.result
  }
  const entry: NodeRuns = known ?? { channel: false, language: false }
  entry.channel ||= run.readsChannel
  entry.language ||= run.readsLanguage
  ;(entry.results ??= new Map()).set(keyOf(entry, channel, language), run.result)
  if (!known) byNode.set(node, entry)
  return run.result
}

/** One reusable session and context per validation; each run only swaps what they answer and records what the step read. */
interface Simulator {
  current: { node: FlowNode; channel: ChannelName; language: string; readsChannel: boolean; readsLanguage: boolean }
  context: StepContext & { state: Record<string, unknown> }
}

const simulator = perValidation(createSimulator)

function createSimulator(index: FlowIndex): Simulator {
  const { flow } = index
  const current: Simulator['current'] = { node: flow.nodes[0], channel: flow.channels[0], language: flow.defaultLanguage, readsChannel: false, readsLanguage: false }
  const session: Session = {
    id: 'lint',
    get channel() {
      current.readsChannel = true
      return current.channel
    },
    flow: flow.id,
    flowVersion: flow.version,
    status: 'active',
    get node() {
      return current.node.id
    },
    nodeState: {},
    noMatch: 0,
    stack: [],
    vars: {},
    contact: { id: 'lint' },
    get language() {
      current.readsLanguage = true
      return current.language
    },
    timers: {},
    firedTriggers: [],
    seq: 0,
    startedAt: 0,
    updatedAt: 0,
  }
  const context: Simulator['context'] = {
    event: { type: 'node-entered', at: 0 },
    session,
    flow,
    state: {},
    text: (text) => {
      if (text !== null && typeof text === 'object') current.readsLanguage = true
      return localize(text, current.language, flow.defaultLanguage)
    },
    render: (template) => template,
    evaluate: () => undefined,
    seconds: (duration) => durationSeconds(duration) ?? 0,
  }
  return { current, context }
}

function simulate(index: FlowIndex, node: FlowNode, channel: ChannelName, language: string) {
  const { current, context } = simulator(index)
  current.node = node
  current.channel = channel
  current.language = language
  current.readsChannel = false
  current.readsLanguage = false
  context.state = {}
  let result: StepResult
  try {
    result = nodeTypes[node.type]?.step(node, context) ?? {}
  } catch {
    result = {}
  }
  return { result, readsChannel: current.readsChannel, readsLanguage: current.readsLanguage }
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
