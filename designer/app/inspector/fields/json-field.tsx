/** Any JSON value (a webhook body, an HTTP body) as text; only valid JSON reaches the flow, so a half-typed brace never breaks the file. */
import { useEffect, useState } from 'react'
import type { FieldProps } from '@rjsf/utils'
import { FieldFrame } from './field-frame.tsx'

const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2))

export function JsonField(props: FieldProps) {
  const id = props.fieldPathId.$id
  const shown = show(props.formData)
  const [text, setText] = useState(shown)
  const [error, setError] = useState<string>()
  // Follows edits made elsewhere (a colleague, the code view) unless the text already means the same.
  useEffect(() => setText((current) => (sameJson(current, props.formData) ? current : shown)), [shown])
  const wantsObject = props.schema.type === 'object'
  return (
    <FieldFrame id={id} title={props.schema.title ?? props.name} description={props.schema.description} required={props.required} errors={[...(error ? [error] : []), ...(props.rawErrors ?? [])]}>
      <textarea id={id} className="sb-input sb-json" spellCheck={false} rows={Math.min(12, Math.max(3, text.split('\n').length))} value={text} aria-invalid={!!error}
        onChange={(e) => {
          setText(e.target.value)
          if (!e.target.value.trim()) {
            setError(undefined)
            return props.onChange(undefined, props.fieldPathId.path)
          }
          try {
            const value: unknown = JSON.parse(e.target.value)
            if (wantsObject && (value === null || typeof value !== 'object' || Array.isArray(value))) return setError('Write a JSON object: { "text": "…" }')
            setError(undefined)
            props.onChange(value, props.fieldPathId.path)
          } catch (problem) {
            setError(`Not valid JSON yet: ${(problem as Error).message}`)
          }
        }} />
    </FieldFrame>
  )
}

function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value)
  } catch {
    return false
  }
}
