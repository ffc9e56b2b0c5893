/**
 * The workbench's shortcuts, on window in the bubbling phase: a view that handles a key itself (the
 * canvas, Monaco, a form field) calls preventDefault() and the workbench leaves it alone.
 */
import { useEffect } from 'react'
import type { Store } from '../state/store.ts'
import type { WorkbenchState } from '../state/workbench-state.ts'
import type { Action } from './actions.ts'
import { isTyping, matches } from './keys.ts'

/** The action a key press asks for, if any. */
export function actionForKey(event: KeyboardEvent, actions: Action[], hasFlow: boolean): Action | undefined {
  const typing = isTyping(event.target)
  return actions.find((action) => {
    if (!action.keys?.some((key) => matches(event, key))) return false
    if (typing && !action.whileTyping) return false
    if (action.needsFlow && !hasFlow) return false
    // Copying text the user selected on the page is the browser's job.
    if (action.id === 'edit.copy' && String(globalThis.getSelection?.() ?? '')) return false
    return true
  })
}

export function useKeyboard(actions: Action[], store: Store<WorkbenchState>, hasFlow: () => boolean): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return
      const { palette, findNode, dialog } = store.get()
      if (palette || findNode || dialog) return
      const action = actionForKey(event, actions, hasFlow())
      if (!action) return
      event.preventDefault()
      void action.run()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [actions, store, hasFlow])
}
