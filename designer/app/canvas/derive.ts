/**
 * The flow as React Flow nodes and edges: a pure projection with an identity cache, so a node
 * or edge whose content did not change keeps the same object and its memoised card never
 * re-renders (collab-designer.md 1.4, 1.9). No React, no document writes.
 */
import type { Edge, Node } from '@xyflow/react'
import type { Flow, FlowNode } from '../../../schemas/nodes/step.ts'
import type { Problem } from '../../../schemas/validate.ts'
import { problemSubject, rulesOf, triggerCardId } from '../flow-doc/triggers.ts'
import { exitsOf, kindOf, nodeKinds } from './node-kinds.ts'
import { exitCount, exitLabels, summary } from './summaries.ts'
import { triggerFallbackPositions, triggerLabel, triggerText } from './trigger-kinds.ts'

export interface ExitPort {
  name: string
  label: string
  /** Id of the node this exit goes to, when connected. */
  target?: string
  /** What a screen reader hears on the port. */
  ariaLabel: string
}

export interface ProblemBadge {
  count: number
  severity: Problem['severity']
  messages: string[]
}

export interface CardData extends Record<string, unknown> {
  type: string
  title: string
  /** Icon image URL (data:). */
  icon: string
  name: string
  summary: string
  exits: ExitPort[]
  problems?: ProblemBadge
  active: boolean
  start: boolean
}

export interface FrameData extends Record<string, unknown> {
  label: string
  color?: string
}

/** An escalation rule's card: what fires it, in plain words, and one port to the node it jumps to. */
export interface TriggerCardData extends Record<string, unknown> {
  /** The trigger's id (the card's id is `trigger:<id>`). */
  trigger: string
  when: string
  title: string
  name: string
  summary: string
  /** 1 for the rule checked first. */
  rank: number
  once: boolean
  /** The `goto` port; none for an opt-out rule. */
  port?: ExitPort
  problems?: ProblemBadge
}

export type CardNode = Node<CardData>
export type FrameNode = Node<FrameData, 'frame'>
export type TriggerNode = Node<TriggerCardData, 'trigger'>
export type CanvasNode = CardNode | FrameNode | TriggerNode
/** The source handle of a rule's card. */
export const TRIGGER_PORT = 'goto'

export const FRAME_PREFIX = 'frame:'
export const isFrameId = (id: string) => id.startsWith(FRAME_PREFIX)
const knownTypes = new Set(nodeKinds.map((k) => k.type))

const RANK: Record<Problem['severity'], number> = { error: 3, warning: 2, info: 1 }

/** Problems grouped by card (a node, or a rule by its pointer under /triggers), with the worst severity. */
export function problemBadges(problems: Problem[], flow?: Flow): Map<string, ProblemBadge> {
  const badges = new Map<string, ProblemBadge>()
  for (const p of problems) {
    const subject = flow ? problemSubject(flow, p) : p.node
    if (!subject) continue
    const badge = badges.get(subject) ?? { count: 0, severity: 'info', messages: [] }
    badge.count++
    badge.messages.push(p.message)
    if (RANK[p.severity] > RANK[badge.severity]) badge.severity = p.severity
    badges.set(subject, badge)
  }
  return badges
}

/** How a node is named to people: Menu 'Main menu'. */
export const nodeLabel = (node: FlowNode) => `${kindOf(node.type).title} '${node.name ?? node.id}'`

/** Positions for nodes saved without one: columns by distance from the start, below everything placed. */
export function fallbackPositions(flow: Flow): Map<string, { x: number; y: number }> {
  const missing = flow.nodes.filter((n) => !n.position)
  const placed = new Map<string, { x: number; y: number }>()
  if (!missing.length) return placed
  const byId = new Map(flow.nodes.map((n) => [n.id, n]))
  const depth = new Map<string, number>([[flow.start, 0]])
  const queue = [flow.start]
  while (queue.length) {
    const id = queue.shift()!
    for (const target of Object.values(byId.get(id)?.exits ?? {})) if (target && !depth.has(target)) depth.set(target, depth.get(id)! + 1), queue.push(target)
  }
  const top = Math.max(0, ...flow.nodes.filter((n) => n.position).map((n) => n.position!.y + 240))
  const rows = new Map<number, number>()
  for (const node of missing) {
    const column = depth.get(node.id) ?? 0
    const row = rows.get(column) ?? 0
    rows.set(column, row + 1)
    placed.set(node.id, { x: column * 320, y: top + row * 224 })
  }
  return placed
}

export interface ProjectionInput {
  flow: Flow
  problems: Problem[]
  activeNode?: string
}

/** A projection that remembers its last output: call it with each new flow; unchanged nodes and edges come back as the same objects. */
export function createProjection() {
  let nodeCache = new Map<string, { key: string; node: CanvasNode }>()
  let edgeCache = new Map<string, { key: string; edge: Edge }>()

  return function project({ flow, problems, activeNode }: ProjectionInput): { nodes: CanvasNode[]; edges: Edge[] } {
    const language = flow.defaultLanguage ?? flow.languages?.[0] ?? 'en'
    const byId = new Map(flow.nodes.map((n) => [n.id, n]))
    const badges = problemBadges(problems, flow)
    const fallback = fallbackPositions(flow)
    const nextNodes = new Map<string, { key: string; node: CanvasNode }>()
    const nextEdges = new Map<string, { key: string; edge: Edge }>()
    const nodes: CanvasNode[] = []
    const edges: Edge[] = []

    for (const frame of flow.frames ?? []) {
      const id = FRAME_PREFIX + frame.id
      const key = JSON.stringify(frame)
      const cached = nodeCache.get(id)
      const node: FrameNode = cached?.key === key ? (cached.node as FrameNode) : {
        id,
        type: 'frame',
        position: frame.position,
        width: frame.width,
        height: frame.height,
        zIndex: -1,
        dragHandle: '.sb-frame-label',
        ariaLabel: `Frame '${frame.label}'`,
        data: { label: frame.label, color: frame.color },
      }
      nextNodes.set(id, { key, node })
      nodes.push(node)
    }

    const placeTrigger = triggerFallbackPositions(flow, (id) => byId.get(id)?.position ?? fallback.get(id))
    const triggers = rulesOf(flow)
    triggers.forEach((trigger, index) => {
      const id = triggerCardId(trigger.id)
      const target = trigger.goto ? byId.get(trigger.goto) : undefined
      const targetName = target ? nodeLabel(target) : trigger.goto
      const badge = badges.get(id)
      const position = trigger.position ?? placeTrigger.get(trigger.id)!
      const key = JSON.stringify([trigger, targetName, target?.type, badge, index, language, position])
      const cached = nodeCache.get(id)
      let node = cached?.key === key ? (cached.node as TriggerNode) : undefined
      if (!node) {
        const { title, summary: line } = triggerText(trigger, target, language)
        const optOut = trigger.do === 'opt-out'
        const label = trigger.goto ? `Go to ${target?.name ?? trigger.goto}` : 'Connect to a node'
        const port: ExitPort | undefined = optOut ? undefined : { name: TRIGGER_PORT, label, target: trigger.goto, ariaLabel: `Then of ${triggerLabel(trigger)}, ${trigger.goto ? `goes to ${targetName}` : 'not connected'}` }
        const problemText = badge ? `, ${badge.count} problem${badge.count === 1 ? '' : 's'}` : ''
        node = {
          id,
          type: 'trigger',
          position,
          ariaLabel: `Escalation ${triggerLabel(trigger)}: ${title}, ${optOut ? 'opts the customer out' : trigger.goto ? `goes to ${targetName}` : 'not connected'}, rule ${index + 1} of ${triggers.length}${problemText}`,
          data: { trigger: trigger.id, when: trigger.when, title, name: trigger.name ?? trigger.id, summary: line, rank: index + 1, once: !!trigger.once, port, problems: badge },
        }
      }
      nextNodes.set(id, { key, node })
      nodes.push(node)
      if (!target || trigger.do === 'opt-out') return
      const edgeId = `${id}>${TRIGGER_PORT}`
      const edgeKey = `${target.id}|${targetName}`
      const cachedEdge = edgeCache.get(edgeId)
      const edge = cachedEdge?.key === edgeKey ? cachedEdge.edge : { id: edgeId, type: 'trigger', source: id, sourceHandle: TRIGGER_PORT, target: target.id, ariaLabel: `${triggerLabel(trigger)} to ${targetName}` }
      nextEdges.set(edgeId, { key: edgeKey, edge })
      edges.push(edge)
    })

    for (const flowNode of flow.nodes) {
      const labels = exitLabels(flowNode, language)
      const names = exitsOf(flowNode)
      const targets = names.map((name) => flowNode.exits?.[name])
      const targetNames = targets.map((t) => (t && byId.get(t) ? nodeLabel(byId.get(t)!) : ''))
      const badge = badges.get(flowNode.id)
      const active = flowNode.id === activeNode
      const position = flowNode.position ?? fallback.get(flowNode.id)!
      const key = JSON.stringify([flowNode, targetNames, badge, active, language, flow.start === flowNode.id, position])
      const cached = nodeCache.get(flowNode.id)
      let node = cached?.key === key ? (cached.node as CardNode) : undefined
      if (!node) {
        const kind = kindOf(flowNode.type)
        const exits: ExitPort[] = names.map((name, i) => {
          const label = labels[name] ?? name
          return { name, label, target: targets[i] || undefined, ariaLabel: `Exit '${label}' of ${nodeLabel(flowNode)}, ${targets[i] ? `goes to ${targetNames[i] || targets[i]}` : 'not connected'}` }
        })
        const problemText = badge ? `, ${badge.count} problem${badge.count === 1 ? '' : 's'}` : ''
        node = {
          id: flowNode.id,
          type: knownTypes.has(flowNode.type) ? flowNode.type : 'card',
          position,
          ariaLabel: `${nodeLabel(flowNode)}, ${exitCount(flowNode, names.length)}${problemText}${flow.start === flowNode.id ? ', start' : ''}${active ? ', simulator is here' : ''}`,
          data: { type: flowNode.type, title: kind.title, icon: kind.iconUrl, name: flowNode.name ?? flowNode.id, summary: summary(flowNode, language), exits, problems: badge, active, start: flow.start === flowNode.id },
        }
      }
      nextNodes.set(flowNode.id, { key, node })
      nodes.push(node)

      names.forEach((exit, i) => {
        const target = targets[i]
        if (!target || !byId.has(target)) return
        const id = `${flowNode.id}>${exit}`
        const label = labels[exit] ?? exit
        const edgeKey = `${target}|${label}`
        const cachedEdge = edgeCache.get(id)
        const edge = cachedEdge?.key === edgeKey ? cachedEdge.edge : {
          id,
          type: 'labelled',
          source: flowNode.id,
          sourceHandle: exit,
          target,
          label,
          ariaLabel: `${nodeLabel(flowNode)} '${label}' to ${targetNames[i]}`,
        }
        nextEdges.set(id, { key: edgeKey, edge })
        edges.push(edge)
      })
    }
    nodeCache = nextNodes
    edgeCache = nextEdges
    return { nodes, edges }
  }
}
