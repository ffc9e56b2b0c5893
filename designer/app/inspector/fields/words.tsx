/** Words per language ({"en": ["agent", "human"]}): one comma-separated line per flow language. */
import { useEffect, useState } from 'react'
import type { FieldProps } from '@rjsf/utils'
import type { InspectorContext } from '../context.ts'
import { FieldFrame } from './field-frame.tsx'

type Words = Record<string, string[]> | undefined

export interface WordsInputProps {
  id: string
  value: Words
  onChange(value: Words): void
  languages: string[]
  label: string
}

/** One language's words, kept as typed while focused so a trailing comma is not eaten. */
function WordsLine({ id, words, onChange, label }: { id: string; words: string[]; onChange(words: string[]): void; label: string }) {
  const joined = words.join(', ')
  const [text, setText] = useState(joined)
  useEffect(() => setText((current) => (current.split(',').map((w) => w.trim()).filter(Boolean).join(', ') === joined ? current : joined)), [joined])
  return <input id={id} className="sb-input" value={text} aria-label={label} placeholder="word, another phrase"
    onChange={(e) => {
      setText(e.target.value)
      onChange(e.target.value.split(',').map((w) => w.trim()).filter(Boolean))
    }} />
}

export function WordsInput({ id, value, onChange, languages, label }: WordsInputProps) {
  const langs = [...new Set([...languages, ...Object.keys(value ?? {})])]
  const set = (lang: string, words: string[]) => {
    const next = { ...value }
    if (words.length) next[lang] = words
    else delete next[lang]
    onChange(Object.keys(next).length ? next : undefined)
  }
  return (
    <div className="sb-words">
      {langs.map((lang, i) => (
        <div className="sb-words-row" key={lang}>
          <span className="sb-lang" aria-hidden="true">{lang}</span>
          <WordsLine id={i === 0 ? id : `${id}-${lang}`} words={value?.[lang] ?? []} label={`${label} (${lang})`} onChange={(words) => set(lang, words)} />
        </div>
      ))}
    </div>
  )
}

export function WordsField(props: FieldProps) {
  const context = props.registry.formContext as InspectorContext
  const title = props.schema.title ?? props.name
  return (
    <FieldFrame id={props.fieldPathId.$id} title={title} description={props.schema.description} required={props.required} errors={props.rawErrors}>
      <WordsInput id={props.fieldPathId.$id} value={props.formData} languages={context.languages} label={title} onChange={(v) => props.onChange(v, props.fieldPathId.path)} />
    </FieldFrame>
  )
}
