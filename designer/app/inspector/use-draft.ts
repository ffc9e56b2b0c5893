/**
 * A form's draft of a value that lives in the Yjs document. Keystrokes change the draft at once and
 * reach the document after a pause (one transaction per batch, so one undo step per burst of typing,
 * merged further by the UndoManager's capture window); a document change from elsewhere replaces the
 * draft only while nothing is pending, so a remote edit never eats what the user is typing. Pending
 * edits are flushed on blur and on unmount (selecting another node).
 */
import { useCallback, useEffect, useRef, useState } from 'react'

export function useDraft<T>(source: T, commit: (value: T) => void, delay = 350): [T, (value: T) => void, () => void] {
  const [draft, setDraft] = useState(source)
  const pending = useRef<{ value: T } | undefined>(undefined)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const commitRef = useRef(commit)
  commitRef.current = commit
  const key = JSON.stringify(source)

  useEffect(() => {
    if (!pending.current) setDraft(source)
  }, [key])

  const flush = useCallback(() => {
    clearTimeout(timer.current)
    const next = pending.current
    pending.current = undefined
    if (next) commitRef.current(next.value)
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
