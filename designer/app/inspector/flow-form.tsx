/** The form of the flow itself (shown when no node is selected), written back through setMeta. */
import { useMemo } from 'react'
import Form from '@rjsf/core'
import type { IChangeEvent } from '@rjsf/core'
import type { OpenFlow } from '../contracts.ts'
import { setMeta } from '../flow-doc/commands.ts'
import { metaOf } from '../flow-doc/flow-doc.ts'
import { flowFormSchema, formDataOf, formPatch, hiddenFlowFields } from './form-schema.ts'
import { formValidator } from './validator.ts'
import { inspectorFields } from './fields/index.ts'
import { inspectorTemplates } from './templates.tsx'
import { inspectorContext } from './context.ts'
import { useDraft } from './use-draft.ts'

type Json = Record<string, unknown>

export function FlowForm({ open }: { open: OpenFlow }) {
  const form = flowFormSchema()
  const keys = Object.keys(form.schema.properties ?? {})
  const { nodes: _nodes, ...meta } = open.flow as unknown as Json
  const source = formDataOf(meta, hiddenFlowFields)
  const [draft, change, flush] = useDraft<Json>(source, (data) => {
    const patch = formPatch(metaOf(open.doc).toJSON(), data, keys)
    if (Object.keys(patch).length) open.doc.transact(() => { for (const [key, value] of Object.entries(patch)) setMeta(open.doc, key, value, open.origin) }, open.origin)
  })
  const context = useMemo(() => inspectorContext({ ...open.flow, ...draft } as typeof open.flow, draft), [open.flow, draft])
  return (
    <div className="sb-flow-form" onBlur={flush}>
      <header className="sb-inspector-head">
        <h2>Flow settings</h2>
        <p className="sb-field-help">Nothing is selected: these settings apply to the whole flow “{open.flow.name}”.</p>
      </header>
      <Form schema={form.schema} uiSchema={{ ...form.uiSchema, 'ui:submitButtonOptions': { norender: true } }} formData={draft} validator={formValidator} fields={inspectorFields} templates={inspectorTemplates} formContext={context}
        liveValidate="onChange" showErrorList={false} idPrefix="flow" onChange={(e: IChangeEvent<Json>) => change(e.formData ?? {})} />
    </div>
  )
}
