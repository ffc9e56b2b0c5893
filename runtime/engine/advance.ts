/**
 * The engine: a pure function (flows, session, event) -> (session', actions).
 * No clock (time is event.at), no randomness, no I/O; the same code runs in the runtime and in
 * the designer's simulator. Node behaviour lives in schemas/nodes/<type>/step.ts; this file only
 * routes events to the node a conversation waits at and follows exits.
 */
import type { Action, EngineEvent, EndAction, Flow, FlowNode, HandOffAction, Session, StepContext, StepEvent, StepResult } from '../../schemas/nodes/step.ts'
import type { Trigger } from '../../schemas/types.gen.ts'
import { nodeTypes } from '../../schemas/nodes/index.ts'
import { durationSeconds } from '../../schemas/duration.ts'
import { localize, renderTemplate } from '../../schemas/template.ts'
import { evaluateLogic } from './logic.ts'
import { defaultVariables, pickLanguage, setPath } from './session.ts'
import { closedTrigger, conditionTrigger, firesOnce, messageTrigger, noMatchTrigger, queueWaitTriggers } from './triggers.ts'

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
  const run = createRun(flows, copyJson(current), event.at, path)
  handle(run, event)
  if (flowOf(run) && !run.s.contact.optedOut) settle(run)
  if (run.s.status !== 'handoff' && run.s.queued) run.s.queued = undefined
  return { session: run.s, actions: run.actions }
}

/**
 * A deep copy of a session (plain JSON): several times faster than structuredClone on one. Plain
 * index and key loops rather than map()/Object.entries(): the copy runs on every event, and the
 * entry arrays those allocate were most of its cost.
 */
function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    const copy = new Array(value.length)
    for (let i = 0; i < value.length; i++) copy[i] = copyJson(value[i])
    return copy as T
  }
  const copy: Record<string, unknown> = {}
  const keys = Object.keys(value)
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]
    const item = copyJson((value as Record<string, unknown>)[key])
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true })
    else copy[key] = item
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

/**
 * One advance() call's working state. The engine's helpers are module-level functions over it rather
 * than closures made per call: the runtime runs through tsx, whose keep-names transform makes every
 * closure creation cost ~0.3 µs, which dominated the engine's time.
 */
interface Run {
  /** The flow advance() was given, or the lookup for flows by id (subflows). */
  flows: Flow | FlowLookup
  s: Session
  at: number
  path?: PathStep[]
  actions: Action[]
  /** templateScope(s), kept until a variable, the contact or the language changes. */
  scope?: Record<string, unknown>
}

/**
 * The run whose step is executing, for the step helpers below. Steps are synchronous and pure, so
 * a helper is only ever called while runStep() has its run here; that lets the helpers be made once
 * rather than per advance() (as closures or bound functions, they were ~10% of an event's time).
 */
let stepping: Run | undefined

/** The helpers every step gets; steps destructure them ({ text }), so they cannot rely on `this`. */
const helpers: Pick<StepContext, 'text' | 'render' | 'evaluate' | 'seconds'> = {
  text: (text) => renderTemplate(localize(text, stepping!.s.language, flowOf(stepping!).defaultLanguage), scopeOf(stepping!)),
  render: (template) => renderTemplate(template, scopeOf(stepping!)),
  evaluate: (logic) => evaluateLogic(logic, scopeOf(stepping!)),
  seconds: (duration) => durationSeconds(duration) ?? 0,
}

function createRun(flows: Flow | FlowLookup, s: Session, at: number, path?: PathStep[]): Run {
  return { flows, s, at, path, actions: [] }
}

const scopeOf = (run: Run) => (run.scope ??= templateScope(run.s))
/** The flow with this id: the one given to advance(), or what the lookup finds. */
const lookup = (run: Run, id: string) => (typeof run.flows === 'function' ? run.flows(id) : id === run.flows.id ? run.flows : undefined)
const flowOf = (run: Run) => lookup(run, run.s.flow) as Flow
const findNode = (run: Run, id: string | null) => (id === null ? undefined : nodeById(flowOf(run), id))
const timerPrefix = (run: Run) => `${run.s.flow}/${run.s.node}/`

function startTimer(run: Run, name: string, seconds: number) {
  const prefix = `${timerPrefix(run)}${name}/`
  cancelTimers(run, prefix)
  const id = `${prefix}${run.s.seq}`
  run.s.timers[id] = run.at + seconds * 1000
  run.actions.push({ type: 'start-timer', node: run.s.node ?? undefined, timer: id, at: run.s.timers[id] })
}

/** Cancels the timers whose ids start with the prefix ('' cancels all). */
function cancelTimers(run: Run, prefix: string) {
  for (const id of Object.keys(run.s.timers)) {
    if (!id.startsWith(prefix)) continue
    delete run.s.timers[id]
    run.actions.push({ type: 'cancel-timer', timer: id })
  }
}

function leave(run: Run) {
  cancelTimers(run, timerPrefix(run))
  run.s.nodeState = {}
  run.s.wait = undefined
}

function end(run: Run, reason: EndAction['reason']) {
  const s = run.s
  cancelTimers(run, '')
  if (s.stack.length) s.flow = s.stack[0].flow
  s.status = 'ended'
  s.node = null
  s.wait = undefined
  s.stack = []
  s.nodeState = {}
  run.actions.push({ type: 'end', reason })
}

function optOut(run: Run) {
  run.s.contact.optedOut = true
  run.actions.push({ type: 'opt-out' })
  end(run, 'opted-out')
}

function setVariables(run: Run, values: Record<string, unknown>) {
  const s = run.s
  run.scope = undefined
  for (const [name, value] of Object.entries(values)) {
    if (name.startsWith('contact.')) setPath(s.contact as Record<string, unknown>, name.slice('contact.'.length), value)
    else setPath(s.vars, name, value)
    if (name === 'contact.language' && typeof value === 'string') s.language = pickLanguage(flowOf(run), value)
  }
}

/** Where a step's result leads: the next node id, or null when the conversation stops here. */
function apply(run: Run, node: FlowNode, result: StepResult): string | null {
  const s = run.s
  if (result.set) setVariables(run, result.set)
  if (result.noMatch === false) s.noMatch = 0
  if (result.noMatch) {
    s.noMatch += 1
    const trigger = noMatchTrigger(flowOf(run), s)
    if (trigger) {
      // the escalation replaces the step's own "sorry, again?": the customer hears one thing
      s.noMatch = 0
      return fire(run, trigger)
    }
  }
  if (result.actions) for (const action of result.actions) run.actions.push(action.node ? action : { node: node.id, ...action })
  if (result.end) {
    leave(run)
    end(run, result.end)
    return null
  }
  if (result.call) {
    const inner = lookup(run, result.call.flow)
    if (!inner) return follow(run, node, 'error')
    leave(run)
    s.stack.push({ flow: s.flow, node: node.id, exit: result.call.exit })
    s.flow = inner.id
    run.scope = undefined
    return inner.start
  }
  if (result.wait) {
    s.status = result.wait.kind === 'handoff' ? 'handoff' : 'waiting'
    s.wait = result.wait.request ? { kind: result.wait.kind, request: result.wait.request } : { kind: result.wait.kind }
    s.nodeState = result.state ?? {}
    if (result.wait.timeoutSeconds) startTimer(run, 'timeout', result.wait.timeoutSeconds)
    if (result.timers) for (const [name, seconds] of Object.entries(result.timers)) startTimer(run, name, seconds)
    return null
  }
  return follow(run, node, result.exit)
}

function follow(run: Run, node: FlowNode, exit: string | undefined): string | null {
  const s = run.s
  leave(run)
  // A hand-off left through an exit (resolved, escalate) ends the wait; a queue-wait rule's detour (fire) keeps the place.
  if (s.status === 'handoff') s.queued = undefined
  if (run.path && exit !== undefined) run.path.push({ flow: s.flow, node: node.id, exit })
  const target = exit === undefined ? undefined : node.exits?.[exit]
  if (target) return target
  const frame = s.stack.pop()
  if (!frame) {
    end(run, node.type === 'end' ? 'completed' : 'dead-end')
    return null
  }
  s.flow = frame.flow
  s.node = frame.node
  run.scope = undefined
  const caller = findNode(run, frame.node)
  if (caller) return follow(run, caller, frame.exit)
  end(run, 'error')
  return null
}

function fire(run: Run, trigger: Trigger): string | null {
  run.path?.push({ flow: run.s.flow, trigger: trigger.id })
  if (firesOnce(trigger) && !run.s.firedTriggers.includes(trigger.id)) run.s.firedTriggers.push(trigger.id)
  leave(run)
  if (trigger.do === 'opt-out') {
    optOut(run)
    return null
  }
  return trigger.goto ?? null
}

function runStep(run: Run, node: FlowNode, event: StepEvent): StepResult {
  const type = nodeTypes[node.type]
  if (!type) return { end: 'error' }

  const context: StepContext = { event, session: run.s, flow: flowOf(run), state: run.s.nodeState, text: helpers.text, render: helpers.render, evaluate: helpers.evaluate, seconds: helpers.seconds }
  const outer = stepping
  stepping = run
  try {
    return type.step(node, context)
  } catch {
    return { end: 'error' }
  } finally {
    stepping = outer
  }
}

/** Runs the step of the current node with an event, then enters nodes until one waits or the conversation ends. */
function travel(run: Run, event: StepEvent | null, target: string | null): void {
  const s = run.s
  let next = target
  let hops = 0
  if (event) {
    const node = findNode(run, s.node)
    if (!node) return end(run, 'error')
    next = apply(run, node, runStep(run, node, event))
  }
  while (next !== null) {
    if (++hops > MAX_HOPS) return end(run, 'error')
    const node = findNode(run, next)
    if (!node) return end(run, 'error')
    s.node = node.id
    s.nodeState = {}
    s.wait = undefined
    s.status = 'active'
    run.path?.push({ flow: s.flow, node: node.id })
    next = apply(run, node, runStep(run, node, { type: 'node-entered', at: run.at }))
    if (next === null && (s.status as Session['status']) === 'handoff') queue(run)
  }
}

/** Timer name of a queue-wait trigger: it lives on the hand-off node, so leaving the node (or an agent's claim) cancels it. */
const queueWaitTimer = 'trigger:'

/** On entering a hand-off: remember the queue and since when (kept when it is the same queue), and start one timer per queue-wait rule watching it. */
function queue(run: Run) {
  const handOff = run.actions.findLast((a): a is HandOffAction => a.type === 'hand-off')
  if (handOff) run.s.queued = { queue: handOff.queue, since: run.s.queued?.queue === handOff.queue ? run.s.queued.since : run.at }
  for (const trigger of queueWaitTriggers(flowOf(run), run.s, handOff?.queue)) {
    const seconds = durationSeconds(trigger.after ?? '')
    if (seconds) startTimer(run, `${queueWaitTimer}${trigger.id}`, seconds)
  }
}

/**
 * After a turn, wherever the conversation came to rest (not with a person, not ended, not inside an
 * HTTP call): a condition rule that now holds fires. Each fires once, so this loop is bounded.
 */
function settle(run: Run) {
  const flow = flowOf(run)
  if (!flow?.triggers?.length) return
  while (run.s.status === 'waiting' && run.s.wait?.kind !== 'http') {
    const trigger = conditionTrigger(flow, run.s, scopeOf(run))
    if (!trigger) return
    travel(run, null, fire(run, trigger))
  }
}

function begin(run: Run) {
  const trigger = conditionTrigger(flowOf(run), run.s, scopeOf(run)) ?? closedTrigger(flowOf(run), run.s, run.at)
  travel(run, null, trigger ? fire(run, trigger) : flowOf(run).start)
}

function restart(run: Run) {
  const s = run.s
  if (s.stack.length) s.flow = s.stack[0].flow
  Object.assign(s, { status: 'active', node: null, wait: undefined, stack: [], nodeState: {}, noMatch: 0, timers: {}, firedTriggers: [], vars: defaultVariables(flowOf(run)), startedAt: run.at })
  run.scope = undefined
}

const waitsForMessage = (s: Session) => s.wait?.kind === 'reply' || s.wait?.kind === 'recording'

function handle(run: Run, event: EngineEvent): void {
  const s = run.s
  s.seq += 1
  s.updatedAt = run.at
  if (!flowOf(run) || s.contact.optedOut) return
  if (s.status === 'ended') {
    if (event.type !== 'message-received' && event.type !== 'conversation-started') return
    restart(run)
  }
  switch (event.type) {
    case 'conversation-started':
      if (event.variables) setVariables(run, event.variables)
      if (s.node === null) begin(run)
      return
    case 'message-received': {
      const trigger = messageTrigger(flowOf(run), s, event)
      if (s.status === 'handoff') {
        if (trigger?.do === 'opt-out') {
          leave(run)
          optOut(run)
        }
        return
      }
      if (trigger) return travel(run, null, fire(run, trigger))
      if (s.node === null) return begin(run)
      const closed = closedTrigger(flowOf(run), s, run.at)
      if (closed) return travel(run, null, fire(run, closed))
      if (waitsForMessage(s)) travel(run, event, null)
      return
    }
    case 'timer-fired': {
      if (!(event.timer in s.timers)) return
      delete s.timers[event.timer]
      const [flowId, nodeId, name] = event.timer.split('/')
      if (flowId !== s.flow || nodeId !== s.node) return
      if (name.startsWith(queueWaitTimer)) {
        const trigger = flowOf(run).triggers?.find((t) => t.id === name.slice(queueWaitTimer.length))
        return trigger && s.status === 'handoff' ? travel(run, null, fire(run, trigger)) : undefined
      }
      return travel(run, name === 'timeout' ? { type: 'timed-out', at: run.at } : { ...event, timer: name }, null)
    }
    case 'no-input':
      if (waitsForMessage(s)) travel(run, { type: 'timed-out', at: run.at }, null)
      return
    case 'http-responded':
      if (s.wait?.kind === 'http' && s.wait.request === event.request) travel(run, event, null)
      return
    case 'recording-finished':
      if (s.wait?.kind === 'recording') travel(run, event, null)
      return
    case 'handoff-ended':
      if (s.status !== 'handoff') return
      if (event.resumeAt && findNode(run, event.resumeAt)) {
        leave(run)
        return travel(run, null, event.resumeAt)
      }
      return travel(run, event, null)
    case 'conversation-closed':
      if (s.status !== 'ended') {
        leave(run)
        end(run, 'closed')
      }
      return
  }
}
