/**
 * The workbench's own state: tabs, which views show, the selection and the requests passed to the
 * views (contracts.ts). The open flows themselves are FlowSessions (explorer/flow-session.ts).
 */
import type { Selection } from '../contracts.ts'
import { createStore, type Store } from './store.ts'

export type SideView = 'explorer' | 'problems' | 'simulator' | 'deploy' | 'comments'
export type PanelView = 'problems' | 'output'
export type Connection = 'connecting' | 'connected' | 'offline'

export interface WorkspaceFile {
  path: string
  kind: 'flow' | 'transcript' | 'other'
  size: number
  modified: number
  id?: string
  name?: string
}

export interface Template {
  id: string
  title: string
}

/** A modal question the Explorer asks: a new flow's name and template, a new file name, a delete confirmation. */
export type Dialog = { kind: 'new-flow' } | { kind: 'rename'; path: string } | { kind: 'delete'; path: string }

export interface WorkbenchState {
  files: WorkspaceFile[]
  templates: Template[]
  tabs: string[]
  active?: string
  sideView: SideView | null
  panel: PanelView | null
  codeView: boolean
  inspector: boolean
  selection: Selection
  revealNode?: { node: string; seq: number }
  revealPointer?: { pointer: string; seq: number }
  activeNode?: string
  palette: boolean
  findNode: boolean
  dialog?: Dialog
  connection: Connection
  output: string[]
}

export const emptySelection: Selection = { nodes: [] }

export function createWorkbenchStore(initial: Partial<WorkbenchState> = {}): Store<WorkbenchState> {
  return createStore<WorkbenchState>({
    files: [],
    templates: [],
    tabs: [],
    sideView: 'explorer',
    panel: 'problems',
    codeView: false,
    inspector: true,
    selection: emptySelection,
    palette: false,
    findNode: false,
    connection: 'connecting',
    output: [],
    ...initial,
  })
}

let seq = 0

/** The state changes the workbench makes; each is one `set`, so views re-render once. */
export const workbenchActions = (store: Store<WorkbenchState>) => ({
  openTab(path: string) {
    store.set((s) => ({ tabs: s.tabs.includes(path) ? s.tabs : [...s.tabs, path], active: path, selection: s.active === path ? s.selection : emptySelection, activeNode: s.active === path ? s.activeNode : undefined }))
  },
  closeTab(path: string) {
    store.set((s) => {
      const index = s.tabs.indexOf(path)
      const tabs = s.tabs.filter((t) => t !== path)
      const active = s.active === path ? (tabs[Math.min(index, tabs.length - 1)] ?? undefined) : s.active
      return { tabs, active, ...(s.active === path && { selection: emptySelection, activeNode: undefined }) }
    })
  },
  renameTab(from: string, to: string) {
    store.set((s) => ({ tabs: s.tabs.map((t) => (t === from ? to : t)), active: s.active === from ? to : s.active }))
  },
  select(selection: Selection) {
    store.set({ selection })
  },
  revealNode(node: string) {
    store.set({ selection: { nodes: [node] }, revealNode: { node, seq: ++seq } })
  },
  revealPointer(pointer: string) {
    store.set({ codeView: true, revealPointer: { pointer, seq: ++seq } })
  },
  toggleSideView(view: SideView) {
    store.set((s) => ({ sideView: s.sideView === view ? null : view }))
  },
  togglePanel(view: PanelView) {
    store.set((s) => ({ panel: s.panel === view ? null : view }))
  },
  log(line: string) {
    const stamp = new Date().toLocaleTimeString()
    store.set((s) => ({ output: [...s.output.slice(-499), `[${stamp}] ${line}`] }))
  },
})

export type WorkbenchActions = ReturnType<typeof workbenchActions>
