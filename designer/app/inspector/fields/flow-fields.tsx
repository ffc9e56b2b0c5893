/** Fields of the flow form: its languages as tags, the default language among them, and its variables as a table. */
import { useEffect, useState } from 'react'
import type { FieldProps } from '@rjsf/utils'
import type { InspectorContext } from '../context.ts'
import { FieldFrame } from './field-frame.tsx'

const frame = (props: FieldProps) => ({ id: props.fieldPathId.$id, title: props.schema.title ?? props.name, description: props.schema.description, required: props.required, errors: props.rawErrors })

/** A list of short strings typed as "en, it, zh". */
export function TagsField(props: FieldProps) {
  const joined = (Array.isArray(props.formData) ? props.formData : []).join(', ')
  const [text, setText] = useState(joined)
  useEffect(() => setText((current) => (current.split(',').map((w) => w.trim()).filter(Boolean).join(', ') === joined ? current : joined)), [joined])
  return (
    <FieldFrame {...frame(props)}>
      <input id={props.fieldPathId.$id} className="sb-input" value={text} placeholder="en, it, zh" onChange={(e) => {
        setText(e.target.value)
        props.onChange([...new Set(e.target.value.split(',').map((w) => w.trim()).filter(Boolean))], props.fieldPathId.path)
      }} />
    </FieldFrame>
  )
}

/** One of the flow's languages. */
export function LanguagePickerField(props: FieldProps) {
  const context = props.registry.formContext as InspectorContext
  const languages = context.languages.includes(props.formData) || !props.formData ? context.languages : [props.formData, ...context.languages]
  return (
    <FieldFrame {...frame(props)}>
      <select id={props.fieldPathId.$id} className="sb-input" value={props.formData ?? ''} onChange={(e) => props.onChange(e.target.value, props.fieldPathId.path)}>
        {languages.map((l) => <option key={l} value={l}>{l}</option>)}
      </select>
    </FieldFrame>
  )
}

interface Variable {
  type: string
  default?: unknown
  description?: string
}

const types = ['string', 'number', 'boolean', 'object', 'array']

function typed(type: string, text: string): unknown {
  if (text === '') return undefined
  if (type === 'number') return Number.isFinite(Number(text)) ? Number(text) : text
  if (type === 'boolean') return text === 'true'
  if (type === 'object' || type === 'array') {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}

const shown = (value: unknown) => (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value))

/** The flow's declared variables: name, type, default and what it is for, one row each. */
export function VariablesField(props: FieldProps) {
  const variables = (props.formData ?? {}) as Record<string, Variable>
  const entries = Object.entries(variables)
  const id = props.fieldPathId.$id
  const emit = (next: [string, Variable][]) => props.onChange(next.length ? Object.fromEntries(next) : undefined, props.fieldPathId.path)
  const set = (index: number, name: string, variable: Variable) => emit(entries.map((e, i) => (i === index ? [name, variable] : e)))
  const clean = (v: Variable): Variable => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')) as unknown as Variable
  return (
    <FieldFrame {...frame(props)} group>
      <table className="sb-variables">
        <thead><tr><th>Name</th><th>Type</th><th>Default</th><th>What it keeps</th><th /></tr></thead>
        <tbody>
          {entries.map(([name, v], i) => (
            <tr key={i}>
              <td><input className="sb-input sb-mono" aria-label={`Variable ${i + 1}: name`} id={i === 0 ? id : undefined} value={name} onChange={(e) => set(i, e.target.value, v)} /></td>
              <td><select className="sb-input" aria-label={`Variable ${i + 1}: type`} value={v.type} onChange={(e) => set(i, name, clean({ ...v, type: e.target.value, default: undefined }))}>{types.map((t) => <option key={t}>{t}</option>)}</select></td>
              <td>{v.type === 'boolean'
                ? <select className="sb-input" aria-label={`Variable ${i + 1}: default`} value={shown(v.default)} onChange={(e) => set(i, name, clean({ ...v, default: typed('boolean', e.target.value) }))}><option value="">—</option><option>true</option><option>false</option></select>
                : <input className="sb-input" aria-label={`Variable ${i + 1}: default`} value={shown(v.default)} onChange={(e) => set(i, name, clean({ ...v, default: typed(v.type, e.target.value) }))} />}</td>
              <td><input className="sb-input" aria-label={`Variable ${i + 1}: description`} value={v.description ?? ''} onChange={(e) => set(i, name, clean({ ...v, description: e.target.value }))} /></td>
              <td><button type="button" className="sb-icon-button" aria-label={`Remove variable ${name}`} onClick={() => emit(entries.filter((_, k) => k !== i))}>✕</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="sb-button" onClick={() => {
        let n = entries.length + 1
        while (`variable_${n}` in variables) n++
        emit([...entries, [`variable_${n}`, { type: 'string' }]])
      }}>+ Add variable</button>
    </FieldFrame>
  )
}
