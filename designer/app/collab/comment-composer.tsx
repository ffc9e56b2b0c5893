/** A comment text box with @mention completion from the people in the flow. */
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import { completeMention, mentionAt, mentionCandidates } from './mentions.ts'

export interface ComposerProps {
  label: string
  placeholder: string
  names: string[]
  submitLabel: string
  autoFocus?: boolean
  onSubmit(text: string): void
  onCancel?(): void
}

export function CommentComposer({ label, placeholder, names, submitLabel, autoFocus, onSubmit, onCancel }: ComposerProps) {
  const [text, setText] = useState('')
  const [caret, setCaret] = useState(0)
  const [active, setActive] = useState(0)
  const box = useRef<HTMLTextAreaElement>(null)
  const typing = mentionAt(text, caret)
  const options = typing ? mentionCandidates(names, typing.query).slice(0, 6) : []
  const open = options.length > 0

  // After a completion, the caret goes right after the inserted handle, before the next key is read.
  const placeCaret = useRef<number | null>(null)
  useLayoutEffect(() => {
    if (placeCaret.current === null) return
    box.current?.focus()
    box.current?.setSelectionRange(placeCaret.current, placeCaret.current)
    placeCaret.current = null
  })
  const pick = (name: string) => {
    const next = completeMention(text, caret, name)
    placeCaret.current = next.caret
    setText(next.text)
    setCaret(next.caret)
    setActive(0)
  }
  const submit = () => {
    if (!text.trim()) return
    onSubmit(text.trim())
    setText('')
    setCaret(0)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault()
      setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length)
    } else if (open && (event.key === 'Enter' || event.key === 'Tab')) {
      event.preventDefault()
      pick(options[Math.min(active, options.length - 1)])
    } else if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault()
      submit()
    } else if (event.key === 'Escape') {
      if (open) setCaret(-1)
      else onCancel?.()
    }
  }
  return (
    <div className="sb-composer">
      <textarea
        ref={box}
        aria-label={label}
        placeholder={placeholder}
        value={text}
        rows={3}
        autoFocus={autoFocus}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={open ? 'sb-mention-list' : undefined}
        onChange={(event) => (setText(event.target.value), setCaret(event.target.selectionStart))}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className="sb-mention-list" id="sb-mention-list" role="listbox" aria-label="Mention someone">
          {options.map((name, index) => (
            <li key={name} role="option" aria-selected={index === active} onMouseDown={(event) => (event.preventDefault(), pick(name))}>
              @{name}
            </li>
          ))}
        </ul>
      )}
      <div className="sb-composer-actions">
        {onCancel && <button type="button" onClick={onCancel}>Cancel</button>}
        <button type="button" className="is-primary" disabled={!text.trim()} onClick={submit} title="Ctrl+Enter">
          {submitLabel}
        </button>
      </div>
    </div>
  )
}
