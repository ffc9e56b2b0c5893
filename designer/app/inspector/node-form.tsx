/** The form of one node: generated from its type's schema, written back through updateNode. */
import { useMemo } from 'react'
import Form from '@rjsf/core'
import type { IChangeEvent } from '@rjsf/core'
import type { OpenFlow } from '../contracts.ts'
import type { FlowNode } from '../../../schemas/nodes/step.ts'
import { nodeTypes } from '../../../schemas/nodes/index.ts'
import { connect, disconnect, updateNode } from '../flow-doc/commands.ts'
import { mapToNode, nodesOf } from '../flow-doc/flow-doc.ts'
import { formDataOf, formPatch, hiddenNodeFields, nodeFormSchema } from './form-schema.ts'
import { formValidator } from './validator.ts'
import { inspectorFields } from './fields/index.ts'
import { inspectorTemplates } from './templates.tsx'
import { inspectorContext } from './context.ts'
import { useDraft } from './use-draft.ts'
import { previewLines } from './channel-preview.ts'
import { NodeIdEditor } from './node-id-editor.tsx'

type Json = Record<string, unknown>

/**
 * Keeps the wiring when an edit renames exits (an option's id is its exit's name): exits are matched
 * by position in the type's exitNames(), so renaming option 2 moves option 2's link with it.
 */
function followRenamedExits(open: OpenFlow, before: FlowNode, after: FlowNode) {
  const exitNames = nodeTypes[before.type]?.exitNames
  if (!exitNames) return
  let was: string[]
  let now: string[]
  try {
    was = exitNames(before)
    now = exitNames(after)
  } catch {
    return
  }
  if (was.length !== now.length) return
  const exits = before.exits ?? {}
  was.forEach((name, i) => {
    const target = exits[name]
    if (name === now[i] || !target || now.includes(name)) return
    disconnect(open.doc, before.id, name, open.origin)
    connect(open.doc, before.id, now[i], target, open.origin)
  })
}
const noSubmit = { 'ui:submitButtonOptions': { norender: true } }

export function NodeForm({ open, node, onRenamed }: { open: OpenFlow; node: FlowNode; onRenamed(from: string, to: string): void }) {
  const form = nodeFormSchema(node.type)
  const keys = Object.keys(form?.schema.properties ?? {})
  const source = formDataOf(node as unknown as Json, hiddenNodeFields)
  // Writes what the person changed since the draft's base, so a field someone else changed meanwhile stays.
  const [draft, change, flush] = useDraft<Json>(source, (data, base) => {
    const map = nodesOf(open.doc).get(node.id)
    if (!map) return false
    const patch = formPatch(base, data, keys)
    if (!Object.keys(patch).length) return false
    const before = mapToNode(map)
    open.doc.transact(() => {
      updateNode(open.doc, node.id, patch, open.origin)
      followRenamedExits(open, before, { ...before, ...patch } as FlowNode)
    }, open.origin)
  })
  const draftNode = useMemo(() => ({ ...node, ...draft }) as FlowNode, [node, draft])
  const context = useMemo(() => inspectorContext(open.flow, draft), [open.flow, draft])
  const preview = useMemo(() => previewLines(open.flow, draftNode), [open.flow, draftNode])
  const problems = open.problems.filter((p) => p.node === node.id)
  const type = nodeTypes[node.type]
  if (!form) return <p className="sb-inspector-empty">Unknown node type “{node.type}”.</p>
  return (
    <div className="sb-node-form" onBlur={flush}>
      <header className="sb-inspector-head">
        <h2>{String(type?.schema.title ?? node.type)}</h2>
        <p className="sb-field-help">{String(type?.schema['x-help'] ?? type?.schema.description ?? '')}</p>
      </header>
      <NodeIdEditor open={open} id={node.id} onRenamed={onRenamed} />
      <section className="sb-preview" aria-label="Channel preview">
        {preview.map((line) => <p key={line}>{line}</p>)}
      </section>
      {problems.length > 0 && (
        <ul className="sb-node-problems" aria-label="Problems of this node">
          {problems.map((p, i) => <li key={i} className={`sb-sev-${p.severity}`}>{p.message}</li>)}
        </ul>
      )}
      <Form schema={form.schema} uiSchema={{ ...form.uiSchema, ...noSubmit }} formData={draft} validator={formValidator} fields={inspectorFields} templates={inspectorTemplates} formContext={context}
        liveValidate="onChange" showErrorList={false} idPrefix={`node-${node.id}`}
        onChange={(e: IChangeEvent<Json>) => change(e.formData ?? {})} />
    </div>
  )
}
