/**
 * The node card every node type shares: icon, title, name, a content line, a problem badge, one
 * target handle on the left and one labelled, focusable source handle per exit. Memoised, and
 * `canvasNodeTypes` is built once at module scope from the registry (React Flow re-mounts every
 * node when nodeTypes changes identity).
 */
import { memo } from 'react'
import { BaseEdge, getBezierPath, Handle, Position, type EdgeProps, type EdgeTypes, type NodeProps, type NodeTypes } from '@xyflow/react'
import type { CardNode, FrameNode, TriggerNode } from './derive.ts'
import { nodeKinds } from './node-kinds.ts'

const BOLT = <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path d="M13 2 4 14h7l-1 8 9-12h-7l1-8z" fill="currentColor" /></svg>

/**
 * An escalation rule's card: a bolt and the rule's place in the order, what fires it in plain words,
 * and one port to the node it jumps to (no target handle: nothing leads into a rule). An opt-out
 * rule has no port.
 */
export const TriggerCard = memo(function TriggerCard({ data, selected }: NodeProps<TriggerNode>) {
  const classes = ['sb-card', 'sb-trigger', selected && 'sb-selected', data.problems && `sb-has-${data.problems.severity}`].filter(Boolean).join(' ')
  const { port } = data
  return (
    <div className={classes}>
      <header className="sb-card-head sb-trigger-head">
        <span className="sb-trigger-bolt">{BOLT}</span>
        <span className="sb-card-title" title={data.name}>{data.name}</span>
        {data.once && <span className="sb-chip" title="Fires at most once per conversation">once</span>}
        <span className="sb-chip sb-trigger-rank" title="Rules are checked in this order: the first that matches wins">#{data.rank}</span>
        {data.problems && (
          <span className={`sb-badge sb-badge-${data.problems.severity}`} title={data.problems.messages.join('\n')} aria-hidden="true">
            {data.problems.count}
          </span>
        )}
      </header>
      <div className="sb-trigger-title">{data.title}</div>
      {data.summary && <div className="sb-card-summary">{data.summary}</div>}
      <ul className="sb-exits">
        {port ? (
          <li className={port.target ? 'sb-exit sb-connected' : 'sb-exit sb-unconnected'}>
            <span className="sb-exit-label">{port.label}</span>
            <Handle type="source" id={port.name} position={Position.Right} className="sb-port" tabIndex={0} role="button" aria-label={port.ariaLabel} title={port.label} />
          </li>
        ) : (
          <li className="sb-exit sb-opt-out">Opt out (STOP)</li>
        )}
      </ul>
    </div>
  )
})


export const NodeCard = memo(function NodeCard({ data, selected }: NodeProps<CardNode>) {
  const classes = ['sb-card', selected && 'sb-selected', data.active && 'sb-active', data.problems && `sb-has-${data.problems.severity}`].filter(Boolean).join(' ')
  return (
    <div className={classes}>
      <header className="sb-card-head">
        <Handle type="target" position={Position.Left} className="sb-target" role="img" aria-label={`Into ${data.title} '${data.name}'`} />
        <img className="sb-card-icon" src={data.icon} alt="" width={16} height={16} draggable={false} />
        <span className="sb-card-title">{data.title}</span>
        {data.start && <span className="sb-start" title="Conversations start here">start</span>}
        {data.problems && (
          <span className={`sb-badge sb-badge-${data.problems.severity}`} title={data.problems.messages.join('\n')} aria-hidden="true">
            {data.problems.count}
          </span>
        )}
      </header>
      <div className="sb-card-name">{data.name}</div>
      {data.summary && <div className="sb-card-summary">{data.summary}</div>}
      {data.exits.length > 0 && (
        <ul className="sb-exits">
          {data.exits.map((exit) => (
            <li key={exit.name} className={exit.target ? 'sb-exit sb-connected' : 'sb-exit'}>
              <span className="sb-exit-label">{exit.label}</span>
              <Handle type="source" id={exit.name} position={Position.Right} className="sb-port" tabIndex={0} role="button" aria-label={exit.ariaLabel} title={exit.label} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
})

export const FrameBox = memo(function FrameBox({ data, selected }: NodeProps<FrameNode>) {
  return (
    <div className={selected ? 'sb-frame sb-selected' : 'sb-frame'} style={{ background: data.color ?? 'var(--sb-frame-bg)' }}>
      <div className="sb-frame-label">{data.label}</div>
    </div>
  )
})

/**
 * An edge with its exit's label as plain SVG text (no transformed group and background box per
 * label as React Flow's default label has: 800 of those made every pan frame several times slower).
 */
export const LabelledEdge = memo(function LabelledEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, markerEnd, style, interactionWidth }: EdgeProps) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
      {label && (
        <text className="sb-edge-label" x={labelX} y={labelY} textAnchor="middle" dominantBaseline="middle">
          {label}
        </text>
      )}
    </>
  )
})

/** A rule's edge to the node it jumps to: dashed, in the rules' colour (canvas.css), no label. */
export const TriggerEdge = memo(function TriggerEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, interactionWidth }: EdgeProps) {
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })
  return <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />
})

export const canvasEdgeTypes: EdgeTypes = { labelled: LabelledEdge, trigger: TriggerEdge }

/** Built once: one entry per registered node type (all the same card), a fallback card, and frames. */
export const canvasNodeTypes: NodeTypes = {
  ...Object.fromEntries(nodeKinds.map((k) => [k.type, NodeCard])),
  card: NodeCard,
  frame: FrameBox,
  trigger: TriggerCard,
}
