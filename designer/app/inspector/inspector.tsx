/**
 * The inspector: the generated form of the selected node or escalation rule (`trigger:<id>`), or of
 * the flow itself when nothing (or more than one card) is selected. A projection of the one flow
 * document; every edit is a command.
 */
import { useState } from 'react'
import type { InspectorProps } from '../contracts.ts'
import { rulesOf, triggerIdOf } from '../flow-doc/triggers.ts'
import { NodeForm } from './node-form.tsx'
import { FlowForm } from './flow-form.tsx'
import { TriggerForm } from './trigger-form.tsx'
import './inspector.css'

export function Inspector({ open, selection }: InspectorProps) {
  const [renamed, setRenamed] = useState<{ from: string; to: string }>()
  const selected = selection.nodes.length === 1 ? selection.nodes[0] : undefined
  const id = selected && renamed?.from === selected ? renamed.to : selected
  const onRenamed = (from: string, to: string) => setRenamed({ from, to })
  const ruleId = id === undefined ? undefined : triggerIdOf(id)
  const rule = ruleId === undefined ? undefined : rulesOf(open.flow).find((t) => t.id === ruleId)
  const node = id && !rule ? open.flow.nodes.find((n) => n.id === id) : undefined
  return (
    <div className="sb-inspector" aria-label="Inspector" role="region">
      {selection.nodes.length > 1 && <p className="sb-inspector-note">{selection.nodes.length} cards selected. Select one to edit it.</p>}
      {rule ? <TriggerForm key={`trigger:${rule.id}`} open={open} trigger={rule} onRenamed={onRenamed} />
        : node ? <NodeForm key={node.id} open={open} node={node} onRenamed={onRenamed} />
        : <FlowForm key={open.path} open={open} />}
    </div>
  )
}
