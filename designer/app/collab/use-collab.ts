/** Keeps a shared flow's presence in step with the workbench: the selection goes out on awareness, and a clicked pin opens the Comments view. */
import { useEffect, useSyncExternalStore } from 'react'
import type { Store } from '../state/store.ts'
import type { WorkbenchState } from '../state/workbench-state.ts'
import type { CollabLink } from './connection.ts'

export function useCollabSync(link: CollabLink | undefined, store: Store<WorkbenchState>): void {
  useEffect(() => {
    if (!link) return
    const publish = () => link.setSelection(store.get().selection.nodes)
    publish()
    const stopSelection = store.subscribe(publish)
    let seen = link.state.get().focus?.seq
    const stopFocus = link.state.subscribe(() => {
      const focus = link.state.get().focus
      if (focus && focus.seq !== seen) {
        seen = focus.seq
        store.set({ sideView: 'comments' })
      }
    })
    return () => {
      stopSelection()
      stopFocus()
      link.setSelection([])
    }
  }, [link, store])
}

const never = () => () => {}

/** How many comment threads are open (unresolved) on a shared flow: the Comments badge. */
export function useOpenThreads(link: CollabLink | undefined): number {
  const count = () => link?.state.get().threads.filter((t) => !t.resolved).length ?? 0
  return useSyncExternalStore(link ? link.state.subscribe : never, count, count)
}
