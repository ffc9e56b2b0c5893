/**
 * The inspector: the generated form of the selected node, or of the flow itself when nothing (or
 * more than one node) is selected. A projection of the one flow document; every edit is a command.
 */
import { useState } from 'react'
import type { InspectorProps } from '../contracts.ts'
import { NodeForm } from './node-form.tsx'
import { FlowForm } from './flow-form.tsx'
import './inspector.css'

export function Inspector({ open, selection }: InspectorProps) {
  const [renamed, setRenamed] = useState<{ from: string; to: string }>()
  const selected = selection.nodes.length === 1 ? selection.nodes[0] : undefined
  const id = selected && renamed?.from === selected ? renamed.to : selected
  const node = id ? open.flow.nodes.find((n) => n.id === id) : undefined
  return (
    <div className="sb-inspector" aria-label="Inspector" role="region">
      {selection.nodes.length > 1 && <p className="sb-inspector-note">{selection.nodes.length} nodes selected. Select one to edit it.</p>}
      {node ? <NodeForm key={node.id} open={open} node={node} onRenamed={(from, to) => setRenamed({ from, to })} /> : <FlowForm key={open.path} open={open} />}
    </div>
  )
}
