/**
 * The form of one escalation rule (a trigger of the flow), generated from trigger.schema.json with the
 * fields its kind reads, written back through updateTrigger; its id has a rename box and its place in
 * the rule order (the first rule that matches wins) two buttons.
 */
import { useMemo } from 'react'
import Form from '@rjsf/core'
import type { IChangeEvent } from '@rjsf/core'
import type { OpenFlow } from '../contracts.ts'
import type { Trigger } from '../../../schemas/types.gen.ts'
import { problemSubject, renameTrigger, reorderTrigger, rulesOf, triggerCardId, triggerIdProblem, updateTrigger } from '../flow-doc/triggers.ts'
import { showsField, switchKind, triggerText } from '../canvas/trigger-kinds.ts'
import { formDataOf, formPatch, hiddenTriggerFields, triggerFormSchema, withoutFilledDefaults } from './form-schema.ts'
import { formValidator } from './validator.ts'
import { inspectorFields } from './fields/index.ts'
import { inspectorTemplates } from './templates.tsx'
import { inspectorContext } from './context.ts'
import { useDraft } from './use-draft.ts'
import { IdEditor } from './node-id-editor.tsx'

type Json = Record<string, unknown>
const noSubmit = { 'ui:submitButtonOptions': { norender: true } }
const formOf = (value: Json) => triggerFormSchema(String(value.when), value.do === 'opt-out', showsField(String(value.when)))

export function TriggerForm({ open, trigger, onRenamed }: { open: OpenFlow; trigger: Trigger; onRenamed(from: string, to: string): void }) {
  const { id } = trigger
  const source = formDataOf(trigger as unknown as Json, hiddenTriggerFields)
  // Writes what the person changed since the draft's base, so a goto drawn on the canvas meanwhile stays.
  const [draft, change, flush] = useDraft<Json>(source, (data, base) => {
    // The fields of the form as it was and as it is: a kind change clears the old kind's fields.
    const keys = [...new Set([...Object.keys(formOf(base).schema.properties ?? {}), ...Object.keys(formOf(data).schema.properties ?? {}), 'goto'])]
    const patch = formPatch(base, withoutFilledDefaults(base, data), keys)
    if (!Object.keys(patch).length) return false
    updateTrigger(open.doc, id, patch, open.origin)
  })
  const form = formOf(draft)
  const context = useMemo(() => inspectorContext(open.flow, draft), [open.flow, draft])
  const rules = rulesOf(open.flow)
  const index = rules.findIndex((t) => t.id === id)
  const problems = open.problems.filter((p) => problemSubject(open.flow, p) === triggerCardId(id))
  const title = triggerText({ ...trigger, ...draft } as Trigger, open.flow.nodes.find((n) => n.id === draft.goto), open.flow.defaultLanguage ?? 'en').title
  const move = (to: number) => {
    flush()
    open.undo.stopCapturing()
    reorderTrigger(open.doc, id, to, open.origin)
  }
  return (
    <div className="sb-node-form sb-trigger-form" onBlur={flush}>
      <header className="sb-inspector-head">
        <h2>Escalation rule</h2>
        <p className="sb-field-help">{title}. Checked on every customer message, wherever the conversation stands.</p>
      </header>
      <IdEditor id={id} inputId={`trigger-id-${id}`} label="Rule id" help="Conversations remember a rule that fires once by this id."
        problem={(to) => triggerIdProblem(open.doc, id, to)}
        rename={(to) => {
          flush()
          const done = renameTrigger(open.doc, id, to, open.origin)
          if (done) onRenamed(triggerCardId(id), triggerCardId(to))
          return done
        }} />
      <div className="sb-field sb-rule-order" role="group" aria-label="Rule order">
        <span className="sb-field-label">Rule {index + 1} of {rules.length}</span>
        <p className="sb-field-help">Rules are checked in this order; the first one that matches wins.</p>
        <div className="sb-rule-order-buttons">
          <button type="button" className="sb-button" disabled={index <= 0} onClick={() => move(index - 1)}>↑ Check earlier</button>
          <button type="button" className="sb-button" disabled={index < 0 || index >= rules.length - 1} onClick={() => move(index + 1)}>↓ Check later</button>
        </div>
      </div>
      {problems.length > 0 && (
        <ul className="sb-node-problems" aria-label="Problems of this rule">
          {problems.map((p, i) => <li key={i} className={`sb-sev-${p.severity}`}>{p.message}</li>)}
        </ul>
      )}
      <Form schema={form.schema} uiSchema={{ ...form.uiSchema, ...noSubmit }} formData={draft} validator={formValidator} fields={inspectorFields} templates={inspectorTemplates} formContext={context}
        liveValidate="onChange" showErrorList={false} idPrefix={`trigger-${id}`}
        onChange={(e: IChangeEvent<Json>) => change(switchKind(draft, e.formData ?? {}))} />
    </div>
  )
}
