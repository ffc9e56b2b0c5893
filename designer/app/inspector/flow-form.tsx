/** The form of the flow itself (shown when no node is selected), written back through setMeta. */
import { useMemo } from 'react'
import Form from '@rjsf/core'
import type { IChangeEvent } from '@rjsf/core'
import type { OpenFlow } from '../contracts.ts'
import type { Trigger } from '../../../schemas/types.gen.ts'
import { setMeta } from '../flow-doc/commands.ts'
import { canonicalTrigger, readFlow } from '../flow-doc/flow-doc.ts'
import { flowFormSchema, formDataOf, formPatch, hiddenFlowFields, withoutFilledDefaults } from './form-schema.ts'
import { formValidator } from './validator.ts'
import { inspectorFields } from './fields/index.ts'
import { inspectorTemplates } from './templates.tsx'
import { inspectorContext } from './context.ts'
import { useDraft } from './use-draft.ts'

type Json = Record<string, unknown>

/** The rules as edited, without what the form filled in (withoutFilledDefaults), keys in the order readFlow gives them so an unchanged rule compares equal. */
function rulesAsEdited(stored: Trigger[] | undefined, edited: unknown): unknown {
  if (!Array.isArray(edited)) return edited
  return edited.map((rule: Json) => (rule && typeof rule === 'object' ? canonicalTrigger(withoutFilledDefaults(stored?.find((t) => t?.id === rule.id) as unknown as Json | undefined, rule) as unknown as Trigger) : rule))
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The rules after the person's edit of the list (`base` → `edited`) is laid over the document's
 * current ones: the fields and rules they changed, added or removed, and everything else as it is now.
 */
function mergeRules(base: Trigger[] = [], edited: Trigger[] = [], current: Trigger[] = []): Trigger[] | undefined {
  const byId = (list: Trigger[]) => new Map(list.filter((t) => typeof t?.id === 'string').map((t) => [t.id, t]))
  const [b, e, c] = [byId(base), byId(edited), byId(current)]
  const reordered = !same(base.map((t) => t?.id), edited.map((t) => t?.id).filter((id) => b.has(id)))
  const ids = [...new Set([...(reordered ? edited : current), ...current, ...edited].map((t) => t?.id))]
  const rules = ids.flatMap((id) => {
    const [was, now, theirs] = [b.get(id), e.get(id), c.get(id)]
    if (!was) return now ?? theirs ?? []
    if (!now || !theirs) return []
    const merged: Json = { ...(theirs as unknown as Json) }
    for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
      const value = (now as unknown as Json)[key]
      if (same((was as unknown as Json)[key], value)) continue
      if (value === undefined) delete merged[key]
      else merged[key] = value
    }
    return [merged as unknown as Trigger]
  })
  return rules.length || edited.length ? rules : undefined
}

export function FlowForm({ open }: { open: OpenFlow }) {
  const form = flowFormSchema()
  const keys = Object.keys(form.schema.properties ?? {})
  const { nodes: _nodes, ...meta } = open.flow as unknown as Json
  const source = formDataOf(meta, hiddenFlowFields)
  // Writes what the person changed since the draft's base: a field, or a rule, someone else changed meanwhile stays.
  const [draft, change, flush] = useDraft<Json>(source, (data, base) => {
    const baseRules = base.triggers as Trigger[] | undefined
    const edited = 'triggers' in data ? { ...data, triggers: rulesAsEdited(baseRules, data.triggers) } : data
    const patch = formPatch(base, edited, keys)
    if ('triggers' in patch) patch.triggers = mergeRules(baseRules, patch.triggers as Trigger[] | undefined, readFlow(open.doc).triggers)
    if (!Object.keys(patch).length) return false
    open.doc.transact(() => { for (const [key, value] of Object.entries(patch)) setMeta(open.doc, key, value, open.origin) }, open.origin)
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
