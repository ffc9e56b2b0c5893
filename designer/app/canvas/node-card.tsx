/**
 * The node card every node type shares: icon, title, name, a content line, a problem badge, one
 * target handle on the left and one labelled, focusable source handle per exit. Memoised, and
 * `canvasNodeTypes` is built once at module scope from the registry (React Flow re-mounts every
 * node when nodeTypes changes identity).
 */
import { memo } from 'react'
import { BaseEdge, getBezierPath, Handle, Position, type EdgeProps, type EdgeTypes, type NodeProps, type NodeTypes } from '@xyflow/react'
import type { CardNode, FrameNode } from './derive.ts'
import { nodeKinds } from './node-kinds.ts'


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

export const canvasEdgeTypes: EdgeTypes = { labelled: LabelledEdge }

/** Built once: one entry per registered node type (all the same card), a fallback card, and frames. */
export const canvasNodeTypes: NodeTypes = {
  ...Object.fromEntries(nodeKinds.map((k) => [k.type, NodeCard])),
  card: NodeCard,
  frame: FrameBox,
}
