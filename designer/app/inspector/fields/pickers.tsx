/** Small pickers: a variable name with completion, and a node of the flow by name. */
import type { FieldProps } from '@rjsf/utils'
import type { InspectorContext } from '../context.ts'
import { FieldFrame } from './field-frame.tsx'

export function VariableInput({ id, value, onChange, variables, label }: { id: string; value: string | undefined; onChange(v: string | undefined): void; variables: string[]; label?: string }) {
  return (
    <>
      <input id={id} className="sb-input sb-mono" list={`${id}__variables`} value={value ?? ''} aria-label={label} placeholder="order.total" autoComplete="off" spellCheck={false}
        onChange={(e) => onChange(e.target.value || undefined)} />
      <datalist id={`${id}__variables`}>{variables.map((v) => <option key={v} value={v} />)}</datalist>
    </>
  )
}

export function VariableField(props: FieldProps) {
  const context = props.registry.formContext as InspectorContext
  return (
    <FieldFrame id={props.fieldPathId.$id} title={props.schema.title ?? props.name} description={props.schema.description} required={props.required} errors={props.rawErrors}>
      <VariableInput id={props.fieldPathId.$id} value={props.formData} variables={context.variables} onChange={(v) => props.onChange(v, props.fieldPathId.path)} />
    </FieldFrame>
  )
}

export function NodePickerField(props: FieldProps) {
  const context = props.registry.formContext as InspectorContext
  const known = context.nodes.some((n) => n.id === props.formData)
  return (
    <FieldFrame id={props.fieldPathId.$id} title={props.schema.title ?? props.name} description={props.schema.description} required={props.required} errors={props.rawErrors}>
      <select id={props.fieldPathId.$id} className="sb-input" value={props.formData ?? ''} onChange={(e) => props.onChange(e.target.value || undefined, props.fieldPathId.path)}>
        <option value="">—</option>
        {!known && props.formData && <option value={props.formData}>{props.formData} (missing)</option>}
        {context.nodes.map((n) => <option key={n.id} value={n.id}>{n.label}</option>)}
      </select>
    </FieldFrame>
  )
}
