/** Renames an id: a node's (changeNodeId rewrites every exit, the start and triggers that point at it) or an escalation rule's. */
import { useEffect, useState } from 'react'
import type { OpenFlow } from '../contracts.ts'
import { changeNodeId } from '../flow-doc/commands.ts'
import { nodesOf } from '../flow-doc/flow-doc.ts'

export function idProblem(open: OpenFlow, from: string, to: string): string | undefined {
  if (to === from) return undefined
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(to)) return 'Use 1 to 64 letters, digits, “-” or “_”.'
  if (nodesOf(open.doc).has(to)) return `Another node is already called “${to}”.`
  return undefined
}

export interface IdEditorProps {
  id: string
  /** The input's element id. */
  inputId: string
  label: string
  help: string
  /** Why the id cannot become `to`, or undefined. */
  problem(to: string): string | undefined
  /** Renames; false when it did not happen. */
  rename(to: string): boolean
}

/** An id box: applied on Enter or blur, refused with a reason when taken or malformed, Escape puts it back. */
export function IdEditor({ id, inputId, label, help, problem: check, rename }: IdEditorProps) {
  const [text, setText] = useState(id)
  useEffect(() => setText(id), [id])
  const problem = check(text)
  const apply = () => {
    if (text === id) return
    if (problem || !rename(text)) setText(id)
  }
  return (
    <div className="sb-field sb-node-id">
      <label className="sb-field-label" htmlFor={inputId}>{label}</label>
      <p className="sb-field-help" id={`${inputId}__help`}>{help}</p>
      <input id={inputId} className="sb-input sb-mono" value={text} spellCheck={false} aria-invalid={!!problem || undefined} aria-describedby={`${inputId}__help`}
        onChange={(e) => setText(e.target.value)} onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply()
          if (e.key === 'Escape') setText(id)
        }} />
      {problem && <p className="sb-field-errors" role="alert">{problem}</p>}
    </div>
  )
}

export function NodeIdEditor({ open, id, onRenamed }: { open: OpenFlow; id: string; onRenamed(from: string, to: string): void }) {
  return (
    <IdEditor id={id} inputId={`node-id-${id}`} label="Node id" help="Exits point at this id. Renaming it updates every link."
      problem={(to) => idProblem(open, id, to)}
      rename={(to) => {
        const done = changeNodeId(open.doc, id, to, open.origin)
        if (done) onRenamed(id, to)
        return done
      }} />
  )
}
