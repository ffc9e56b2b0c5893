/**
 * The option list editor (menu options, input choices, template buttons): add, remove and reorder
 * options; each option's fields come from the item schema, with the localized-text and words editors
 * where the schema's hints ask for them.
 */
import type { FieldProps } from '@rjsf/utils'
import type { InspectorContext } from '../context.ts'
import { FieldFrame } from './field-frame.tsx'
import { LocalizedTextInput } from './localized-text.tsx'
import { WordsInput } from './words.tsx'

type Item = Record<string, unknown>
type Json = Record<string, any>

function freshId(items: Item[]): string {
  const taken = new Set(items.map((i) => i.id))
  for (let n = items.length + 1; ; n++) if (!taken.has(`option-${n}`)) return `option-${n}`
}

function ItemField({ name, schema, ui, value, onChange, id, context, path, index }: { name: string; schema: Json; ui: Json; value: unknown; onChange(v: unknown): void; id: string; context: InspectorContext; path: (string | number)[]; index: number }) {
  const title = name === 'id' ? 'Exit name' : schema.title ?? name
  const field = ui?.['ui:field']
  let control
  if (field === 'localized-text') control = <LocalizedTextInput id={id} value={value as any} onChange={onChange} context={context} path={path} multiline={false} label={title} />
  else if (field === 'words') control = <WordsInput id={id} value={value as any} onChange={onChange} languages={context.languages} label={title} />
  else if (Array.isArray(schema.enum)) control = (
    <select id={id} className="sb-input" value={String(value ?? '')} onChange={(e) => onChange(e.target.value || undefined)}>
      <option value="">—</option>
      {schema.enum.map((v: unknown) => <option key={String(v)} value={String(v)}>{String(v)}</option>)}
    </select>
  )
  else control = <input id={id} className={name === 'id' || name === 'key' ? 'sb-input sb-mono' : 'sb-input'} value={String(value ?? '')} maxLength={schema.maxLength ?? (name === 'key' ? 1 : undefined)} placeholder={name === 'key' ? String(index + 1) : undefined}
    onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
  const group = field === 'localized-text' || field === 'words'
  return (
    <div className={`sb-option-field sb-option-${name}`}>
      {group ? <span className="sb-field-label">{title}</span> : <label className="sb-field-label" htmlFor={id}>{title}</label>}
      {control}
    </div>
  )
}

export function OptionListField(props: FieldProps) {
  const context = props.registry.formContext as InspectorContext
  const items: Item[] = Array.isArray(props.formData) ? props.formData : []
  const itemSchema = (props.schema.items ?? {}) as Json
  const itemUi = (props.uiSchema?.items ?? {}) as Json
  const fields = Object.entries((itemSchema.properties ?? {}) as Json)
  const base = props.fieldPathId.path
  const emit = (next: Item[]) => props.onChange(next, base)
  const update = (index: number, key: string, value: unknown) => emit(items.map((item, i) => {
    if (i !== index) return item
    const copy = { ...item, [key]: value }
    if (value === undefined) delete copy[key]
    return copy
  }))
  const move = (index: number, by: number) => {
    const next = [...items]
    const [item] = next.splice(index, 1)
    next.splice(index + by, 0, item)
    emit(next)
  }
  const title = props.schema.title ?? props.name
  return (
    <FieldFrame id={props.fieldPathId.$id} title={`${title} (${items.length})`} description={props.schema.description} required={props.required} errors={props.rawErrors} group>
      <ol className="sb-options">
        {items.map((item, index) => {
          const label = typeof item.label === 'string' ? item.label : Object.values((item.label as Record<string, string>) ?? {})[0] ?? ''
          return (
            <li className="sb-option" key={index} aria-label={`Option ${index + 1}: ${label}`}>
              <div className="sb-option-head">
                <span className="sb-option-number">{index + 1}</span>
                <span className="sb-option-title">{label || 'New option'}</span>
                <button type="button" className="sb-icon-button" aria-label={`Move option ${index + 1} up`} disabled={index === 0} onClick={() => move(index, -1)}>↑</button>
                <button type="button" className="sb-icon-button" aria-label={`Move option ${index + 1} down`} disabled={index === items.length - 1} onClick={() => move(index, 1)}>↓</button>
                <button type="button" className="sb-icon-button" aria-label={`Remove option ${index + 1}`} disabled={items.length <= (props.schema.minItems ?? 0)} onClick={() => emit(items.filter((_, i) => i !== index))}>✕</button>
              </div>
              <div className="sb-option-fields">
                {fields.map(([name, schema]) => (
                  <ItemField key={name} name={name} schema={schema} ui={itemUi[name]} value={item[name]} index={index} context={context}
                    id={`${props.fieldPathId.$id}_${index}_${name}`} path={[...base, index, name]} onChange={(v) => update(index, name, v)} />
                ))}
              </div>
            </li>
          )
        })}
      </ol>
      <button type="button" className="sb-button" onClick={() => emit([...items, { id: freshId(items), label: '' }])}>+ Add option</button>
    </FieldFrame>
  )
}
