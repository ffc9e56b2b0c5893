/**
 * The engine: a pure function (flows, session, event) -> (session', actions).
 * No clock (time is event.at), no randomness, no I/O; the same code runs in the runtime and in
 * the designer's simulator. Node behaviour lives in schemas/nodes/<type>/step.ts; this file only
 * routes events to the node a conversation waits at and follows exits.
 */
import type { Action, EngineEvent, EndAction, Flow, FlowNode, Session, StepContext, StepEvent, StepResult } from '../../schemas/nodes/step.ts'
import type { Trigger } from '../../schemas/types.gen.ts'
import { nodeTypes } from '../../schemas/nodes/index.ts'
import { durationSeconds } from '../../schemas/duration.ts'
import { localize, renderTemplate } from '../../schemas/template.ts'
import { evaluateLogic } from './logic.ts'
import { defaultVariables, pickLanguage, setPath } from './session.ts'
import { conditionTrigger, messageTrigger, noMatchTrigger } from './triggers.ts'

export type FlowLookup = (id: string) => Flow | undefined
export interface AdvanceResult {
  session: Session
  actions: Action[]
}
/** One step of the way a conversation went: a node entered, a node left through an exit, or a trigger fired. */
export type PathStep = { flow: string; node: string; exit?: string } | { flow: string; trigger: string }

/** Node visits allowed for one event before the engine decides the flow loops without waiting. */
const MAX_HOPS = 1000

/** `path`, when given, receives the steps taken (for coverage reports); the engine never reads it. */
export function advance(flows: Flow | FlowLookup, current: Session, event: EngineEvent, path?: PathStep[]): AdvanceResult {
  const lookup: FlowLookup = typeof flows === 'function' ? flows : (id) => (id === flows.id ? flows : undefined)
  const run = createRun(lookup, copyJson(current), event.at, path)
  run.handle(event)
  return { session: run.session, actions: run.actions }
}

/** A deep copy of a session (plain JSON): about 8x faster than structuredClone on one (0.5 vs 4 µs). */
function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(copyJson) as T
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (key === '__proto__') Object.defineProperty(copy, key, { value: copyJson(item), enumerable: true, writable: true, configurable: true })
    else copy[key] = copyJson(item)
  }
  return copy as T
}

const nodePositions = new WeakMap<FlowNode[], Map<string, number>>()
/** The node with this id, without a linear search of a large flow per lookup. The positions are
 *  checked on every hit and rebuilt when stale, so a flow edited in place (the simulator) reads right. */
function nodeById(flow: Flow | undefined, id: string): FlowNode | undefined {
  const nodes = flow?.nodes
  if (!nodes) return undefined
  const at = nodePositions.get(nodes)?.get(id)
  if (at !== undefined && nodes[at]?.id === id) return nodes[at]
  const positions = new Map<string, number>()
  nodes.forEach((node, i) => positions.has(node.id) || positions.set(node.id, i))
  nodePositions.set(nodes, positions)
  const found = positions.get(id)
  return found === undefined ? undefined : nodes[found]
}

/** What {{templates}} and JSON Logic see: variables, plus contact, channel, language and flow. */
export function templateScope(s: Session): Record<string, unknown> {
  // Not `{ ...s.vars, contact, … }`: on Node 20, properties after a spread take a slow path (~2 µs a call).
  const scope: Record<string, unknown> = Object.assign({}, s.vars)
  scope.contact = s.contact
  scope.channel = s.channel
  scope.language = s.language
  scope.flow = { id: s.flow, version: s.flowVersion }
  return scope
}

/** The pure helpers a node step gets (also used by the node case runner). */
export function createStepContext(flow: Flow, s: Session, event: StepEvent): StepContext {
  const scope = templateScope(s)
  return {
    event,
    session: s,
    flow,
    state: s.nodeState,
    text: (text) => renderTemplate(localize(text, s.language, flow.defaultLanguage), scope),
    render: (template) => renderTemplate(template, scope),
    evaluate: (logic) => evaluateLogic(logic, scope),
    seconds: (duration) => durationSeconds(duration) ?? 0,
  }
}

function createRun(lookup: FlowLookup, s: Session, at: number, path?: PathStep[]) {
  const actions: Action[] = []
  const flow = () => lookup(s.flow) as Flow
  const findNode = (id: string | null) => (id === null ? undefined : nodeById(flow(), id))
  const scope = () => templateScope(s)

  const context = (event: StepEvent) => createStepContext(flow(), s, event)

  const timerPrefix = () => `${s.flow}/${s.node}/`
  function startTimer(name: string, seconds: number) {
    cancelTimers((id) => id.startsWith(`${timerPrefix()}${name}/`))
    const id = `${timerPrefix()}${name}/${s.seq}`
    s.timers[id] = at + seconds * 1000
    actions.push({ type: 'start-timer', node: s.node ?? undefined, timer: id, at: s.timers[id] })
  }
  function cancelTimers(which: (id: string) => boolean) {
    for (const id of Object.keys(s.timers).filter(which)) {
      delete s.timers[id]
      actions.push({ type: 'cancel-timer', timer: id })
    }
  }
  function leave() {
    cancelTimers((id) => id.startsWith(timerPrefix()))
    s.nodeState = {}
    s.wait = undefined
  }
  function end(reason: EndAction['reason']) {
    cancelTimers(() => true)
    if (s.stack.length) s.flow = s.stack[0].flow
    Object.assign(s, { status: 'ended', node: null, wait: undefined, stack: [], nodeState: {} })
    actions.push({ type: 'end', reason })
  }
  function optOut() {
    s.contact.optedOut = true
    actions.push({ type: 'opt-out' })
    end('opted-out')
  }
  function setVariables(values: Record<string, unknown>) {
    for (const [name, value] of Object.entries(values)) {
      if (name.startsWith('contact.')) setPath(s.contact as Record<string, unknown>, name.slice('contact.'.length), value)
      else setPath(s.vars, name, value)
      if (name === 'contact.language' && typeof value === 'string') s.language = pickLanguage(flow(), value)
    }
  }

  /** Where a step's result leads: the next node id, or null when the conversation stops here. */
  function apply(node: FlowNode, result: StepResult): string | null {
    for (const action of result.actions ?? []) actions.push({ node: node.id, ...action })
    if (result.set) setVariables(result.set)
    if (result.noMatch === false) s.noMatch = 0
    if (result.noMatch) {
      s.noMatch += 1
      const trigger = noMatchTrigger(flow(), s)
      if (trigger) {
        s.noMatch = 0
        return fire(trigger)
      }
    }
    if (result.end) {
      leave()
      end(result.end)
      return null
    }
    if (result.call) {
      const inner = lookup(result.call.flow)
      if (!inner) return follow(node, 'error')
      leave()
      s.stack.push({ flow: s.flow, node: node.id, exit: result.call.exit })
      s.flow = inner.id
      return inner.start
    }
    if (result.wait) {
      s.status = result.wait.kind === 'handoff' ? 'handoff' : 'waiting'
      s.wait = { kind: result.wait.kind, ...(result.wait.request && { request: result.wait.request }) }
      s.nodeState = result.state ?? {}
      if (result.wait.timeoutSeconds) startTimer('timeout', result.wait.timeoutSeconds)
      for (const [name, seconds] of Object.entries(result.timers ?? {})) startTimer(name, seconds)
      return null
    }
    return follow(node, result.exit)
  }

  function follow(node: FlowNode, exit: string | undefined): string | null {
    leave()
    if (path && exit !== undefined) path.push({ flow: s.flow, node: node.id, exit })
    const target = exit === undefined ? undefined : node.exits?.[exit]
    if (target) return target
    const frame = s.stack.pop()
    if (!frame) {
      end(node.type === 'end' ? 'completed' : 'dead-end')
      return null
    }
    s.flow = frame.flow
    s.node = frame.node
    const caller = findNode(frame.node)
    return caller ? follow(caller, frame.exit) : (end('error'), null)
  }

  function fire(trigger: Trigger): string | null {
    path?.push({ flow: s.flow, trigger: trigger.id })
    if (trigger.once || trigger.when === 'condition') s.firedTriggers.push(trigger.id)
    if (trigger.do === 'opt-out') {
      leave()
      optOut()
      return null
    }
    leave()
    return trigger.goto ?? null
  }

  function runStep(node: FlowNode, event: StepEvent): StepResult {
    const type = nodeTypes[node.type]
    if (!type) return { end: 'error' }
    try {
      return type.step(node, context(event))
    } catch {
      return { end: 'error' }
    }
  }

  /** Runs the step of the current node with an event, then enters nodes until one waits or the conversation ends. */
  function travel(event: StepEvent | null, target: string | null) {
    let next = target
    let hops = 0
    if (event) {
      const node = findNode(s.node)
      if (!node) return end('error')
      next = apply(node, runStep(node, event))
    }
    while (next !== null) {
      if (++hops > MAX_HOPS) return end('error')
      const node = findNode(next)
      if (!node) return end('error')
      Object.assign(s, { node: node.id, nodeState: {}, wait: undefined, status: 'active' })
      path?.push({ flow: s.flow, node: node.id })
      next = apply(node, runStep(node, { type: 'node-entered', at }))
    }
  }

  function begin() {
    const trigger = conditionTrigger(flow(), s, scope())
    travel(null, trigger ? fire(trigger) : flow().start)
  }

  function restart() {
    if (s.stack.length) s.flow = s.stack[0].flow
    Object.assign(s, { status: 'active', node: null, wait: undefined, stack: [], nodeState: {}, noMatch: 0, timers: {}, firedTriggers: [], vars: defaultVariables(flow()), startedAt: at })
  }

  function handle(event: EngineEvent) {
    s.seq += 1
    s.updatedAt = at
    if (!flow() || s.contact.optedOut) return
    if (s.status === 'ended') {
      if (event.type !== 'message-received' && event.type !== 'conversation-started') return
      restart()
    }
    const waitingFor = s.wait?.kind
    switch (event.type) {
      case 'conversation-started':
        if (event.variables) setVariables(event.variables)
        if (s.node === null) begin()
        return
      case 'message-received': {
        const trigger = messageTrigger(flow(), event)
        if (s.status === 'handoff') return trigger?.do === 'opt-out' ? (leave(), optOut()) : undefined
        if (trigger) return travel(null, fire(trigger))
        if (s.node === null) return begin()
        if (waitingFor === 'reply' || waitingFor === 'recording') travel(event, null)
        return
      }
      case 'timer-fired': {
        if (!(event.timer in s.timers)) return
        delete s.timers[event.timer]
        const [flowId, nodeId, name] = event.timer.split('/')
        if (flowId !== s.flow || nodeId !== s.node) return
        return travel(name === 'timeout' ? { type: 'timed-out', at } : { ...event, timer: name }, null)
      }
      case 'no-input':
        if (waitingFor === 'reply' || waitingFor === 'recording') travel({ type: 'timed-out', at }, null)
        return
      case 'http-responded':
        if (waitingFor === 'http' && s.wait?.request === event.request) travel(event, null)
        return
      case 'recording-finished':
        if (waitingFor === 'recording') travel(event, null)
        return
      case 'handoff-ended':
        if (s.status !== 'handoff') return
        if (event.resumeAt && findNode(event.resumeAt)) {
          leave()
          return travel(null, event.resumeAt)
        }
        return travel(event, null)
      case 'conversation-closed':
        if (s.status !== 'ended') {
          leave()
          end('closed')
        }
        return
    }
  }

  return { session: s, actions, handle }
}
