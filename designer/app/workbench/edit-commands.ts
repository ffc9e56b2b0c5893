/**
 * The Edit menu on the open flow: undo, redo, delete, copy, paste, duplicate, select all. Each is a
 * typed command on the flow document with the tab's origin, so undo takes back exactly one of them.
 */
import type { FlowNode } from '../../../schemas/nodes/step.ts'
import { pasteNodes, removeNodes } from '../flow-doc/commands.ts'
import { removeTriggers, rulesOf, selectedTriggers, triggerCardId, triggerIdOf } from '../flow-doc/triggers.ts'
import type { OpenFlow } from '../contracts.ts'
import type { Store } from '../state/store.ts'
import type { WorkbenchState } from '../state/workbench-state.ts'

/** Copied nodes, shared by every tab so nodes paste from one flow into another. */
let clipboard: FlowNode[] = []
const PASTE_OFFSET = { x: 48, y: 48 }

export function editCommands(current: () => OpenFlow | undefined, store: Store<WorkbenchState>) {
  const selected = (open: OpenFlow) => {
    const ids = new Set(store.get().selection.nodes)
    return open.flow.nodes.filter((n) => ids.has(n.id))
  }
  const paste = (open: OpenFlow, nodes: FlowNode[]) => {
    if (!nodes.length) return
    open.undo.stopCapturing()
    const ids = pasteNodes(open.doc, nodes, PASTE_OFFSET, open.origin)
    store.set({ selection: { nodes: ids } })
  }
  return {
    undo() {
      current()?.undo.undo()
    },
    redo() {
      current()?.undo.redo()
    },
    deleteSelection() {
      const open = current()
      const ids = store.get().selection.nodes
      if (!open || !ids.length) return
      open.undo.stopCapturing()
      open.doc.transact(() => {
        removeTriggers(open.doc, selectedTriggers(ids), open.origin)
        removeNodes(open.doc, ids.filter((id) => triggerIdOf(id) === undefined), open.origin)
      }, open.origin)
      store.set({ selection: { nodes: [] } })
    },
    copy() {
      const open = current()
      if (!open) return
      const nodes = selected(open)
      if (!nodes.length) return
      clipboard = structuredClone(nodes)
      void navigator.clipboard?.writeText(JSON.stringify(nodes, null, 2)).catch(() => {})
    },
    paste() {
      const open = current()
      if (open) paste(open, structuredClone(clipboard))
    },
    duplicate() {
      const open = current()
      if (open) paste(open, structuredClone(selected(open)))
    },
    selectAll() {
      const open = current()
      if (open) store.set({ selection: { nodes: [...rulesOf(open.flow).map((t) => triggerCardId(t.id)), ...open.flow.nodes.map((n) => n.id)] } })
    },
    hasClipboard: () => clipboard.length > 0,
  }
}

export type EditCommands = ReturnType<typeof editCommands>
