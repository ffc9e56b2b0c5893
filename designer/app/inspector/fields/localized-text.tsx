/**
 * Localized text: a tab per flow language, a character counter against the WhatsApp limit of the
 * field's role, and a variable inserter. A single-language string stays a string; a second language
 * turns it into {"en": …, "it": …}.
 */
import { useRef, useState } from 'react'
import type { FieldProps } from '@rjsf/utils'
import type { InspectorContext } from '../context.ts'
import { whatsappLimitOf } from '../context.ts'
import { FieldFrame } from './field-frame.tsx'

type Localized = string | Record<string, string> | undefined

export function textIn(value: Localized, language: string, fallback: string): string {
  if (typeof value === 'string') return language === fallback ? value : ''
  return value?.[language] ?? ''
}

export function withText(value: Localized, language: string, fallback: string, text: string): Localized {
  const map: Record<string, string> = typeof value === 'string' ? { [fallback]: value } : { ...value }
  if (text) map[language] = text
  else delete map[language]
  const keys = Object.keys(map)
  if (!keys.length) return undefined
  if (keys.length === 1 && keys[0] === fallback && (typeof value === 'string' || value === undefined)) return map[fallback]
  return map
}

export interface LocalizedTextInputProps {
  id: string
  value: Localized
  onChange(value: Localized): void
  context: InspectorContext
  path: (string | number)[]
  multiline?: boolean
  label?: string
}

export function LocalizedTextInput({ id, value, onChange, context, path, multiline = true, label }: LocalizedTextInputProps) {
  const languages = context.languages
  const [active, setActive] = useState(context.defaultLanguage)
  const language = languages.includes(active) ? active : languages[0]
  const input = useRef<HTMLTextAreaElement & HTMLInputElement>(null)
  const text = textIn(value, language, context.defaultLanguage)
  const limit = context.channels.includes('whatsapp') ? whatsappLimitOf(path, context.root) : undefined
  const over = limit && text.length > limit.limit
  const insert = (name: string) => {
    const el = input.current
    const at = el?.selectionStart ?? text.length
    const end = el?.selectionEnd ?? at
    const next = `${text.slice(0, at)}{{${name}}}${text.slice(end)}`
    onChange(withText(value, language, context.defaultLanguage, next))
    requestAnimationFrame(() => el?.setSelectionRange(at + name.length + 4, at + name.length + 4))
  }
  const Tag = multiline ? 'textarea' : 'input'
  return (
    <div className="sb-localized">
      {languages.length > 1 && (
        <div role="tablist" aria-label={`${label ?? 'Text'}: language`} className="sb-tabs">
          {languages.map((lang) => (
            <button key={lang} type="button" role="tab" aria-selected={lang === language} className={lang === language ? 'sb-tab sb-tab-active' : 'sb-tab'} onClick={() => setActive(lang)}>
              {lang}{textIn(value, lang, context.defaultLanguage) ? '' : ' ·'}
            </button>
          ))}
        </div>
      )}
      <Tag ref={input} id={id} className="sb-input" rows={multiline ? 3 : undefined} lang={language} value={text} aria-label={label ? `${label} (${language})` : undefined} aria-invalid={over || undefined}
        onChange={(e) => onChange(withText(value, language, context.defaultLanguage, e.target.value))} />
      <div className="sb-localized-foot">
        <select aria-label="Insert a variable" className="sb-insert" value="" onChange={(e) => e.target.value && insert(e.target.value)}>
          <option value="">+ {'{{variable}}'}</option>
          {context.variables.map((v) => <option key={v} value={v}>{v}</option>)}
        </select>
        {limit && <span className={over ? 'sb-counter sb-counter-over' : 'sb-counter'} aria-live="polite">{text.length} / {limit.limit} <span className="sb-counter-what">· WhatsApp {limit.what}</span></span>}
      </div>
    </div>
  )
}

export function LocalizedTextField(props: FieldProps) {
  const context = props.registry.formContext as InspectorContext
  return (
    <FieldFrame id={props.fieldPathId.$id} title={props.uiSchema?.['ui:title'] ?? props.schema.title} description={props.schema.description} required={props.required} errors={props.rawErrors}>
      <LocalizedTextInput id={props.fieldPathId.$id} value={props.formData} context={context} path={props.fieldPathId.path} label={props.schema.title}
        onChange={(value) => props.onChange(value, props.fieldPathId.path)} />
    </FieldFrame>
  )
}
