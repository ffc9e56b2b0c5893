/**
 * A form's draft of a value that lives in the Yjs document. Keystrokes change the draft at once and
 * reach the document after a pause (one transaction per batch, so one undo step per burst of typing,
 * merged further by the UndoManager's capture window); a document change from elsewhere replaces the
 * draft only while nothing is pending, so a remote edit never eats what the user is typing. Pending
 * edits are flushed on blur and on unmount (selecting another node). `commit` also receives the
 * source the draft started from, so it can write only what the user changed since (and leave a field
 * someone else changed meanwhile alone); when it says it wrote nothing (`false`: the form only filled
 * in defaults), the draft takes the document's current value again.
 */
import { useCallback, useEffect, useRef, useState } from 'react'

export function useDraft<T>(source: T, commit: (value: T, base: T) => boolean | void, delay = 350): [T, (value: T) => void, () => void] {
  const [draft, setDraft] = useState(source)
  const pending = useRef<{ value: T } | undefined>(undefined)
  /** The source the draft last took, and the newest one. */
  const base = useRef(source)
  const latest = useRef(source)
  latest.current = source
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const commitRef = useRef(commit)
  commitRef.current = commit
  const key = JSON.stringify(source)

  useEffect(() => {
    if (pending.current) return
    setDraft(source)
    base.current = source
  }, [key])

  const flush = useCallback(() => {
    clearTimeout(timer.current)
    const next = pending.current
    pending.current = undefined
    if (!next || commitRef.current(next.value, base.current) !== false) return
    setDraft(latest.current)
    base.current = latest.current
  }, [])

  const change = useCallback((value: T) => {
    setDraft(value)
    pending.current = { value }
    clearTimeout(timer.current)
    timer.current = setTimeout(flush, delay)
  }, [delay, flush])

  useEffect(() => flush, [flush])
  return [draft, change, flush]
}
