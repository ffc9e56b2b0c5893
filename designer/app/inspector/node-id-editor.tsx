/** Renames a node's id (changeNodeId rewrites every exit, the start and triggers that point at it). */
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

export function NodeIdEditor({ open, id, onRenamed }: { open: OpenFlow; id: string; onRenamed(from: string, to: string): void }) {
  const [text, setText] = useState(id)
  useEffect(() => setText(id), [id])
  const problem = idProblem(open, id, text)
  const apply = () => {
    if (text === id) return
    if (problem) return setText(id)
    if (changeNodeId(open.doc, id, text, open.origin)) onRenamed(id, text)
  }
  return (
    <div className="sb-field sb-node-id">
      <label className="sb-field-label" htmlFor={`node-id-${id}`}>Node id</label>
      <p className="sb-field-help" id={`node-id-${id}__help`}>Exits point at this id. Renaming it updates every link.</p>
      <input id={`node-id-${id}`} className="sb-input sb-mono" value={text} spellCheck={false} aria-invalid={!!problem || undefined} aria-describedby={`node-id-${id}__help`}
        onChange={(e) => setText(e.target.value)} onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply()
          if (e.key === 'Escape') setText(id)
        }} />
      {problem && <p className="sb-field-errors" role="alert">{problem}</p>}
    </div>
  )
}
