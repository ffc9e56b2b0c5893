/**
 * Every action of the workbench, in one list: the command palette shows it with its shortcut, the
 * keyboard handler runs it. An action marked `whileTyping` also fires while focus is in a field;
 * the others (delete, copy, undo…) leave a field's own editing alone.
 */
import type { Store } from '../state/store.ts'
import { workbenchActions, type WorkbenchState } from '../state/workbench-state.ts'
import type { WorkspaceModel } from '../explorer/workspace-model.ts'
import type { OpenFlow } from '../contracts.ts'
import type { EditCommands } from './edit-commands.ts'
import { runCanvasCommand } from './canvas-bridge.ts'
import { setTheme } from './theme.ts'

export interface Action {
  id: string
  title: string
  category: 'File' | 'Edit' | 'View' | 'Go' | 'Preferences'
  /** Shortcuts, the first one shown ("Mod+Shift+Z"). */
  keys?: string[]
  whileTyping?: boolean
  /** Needs an open flow. */
  needsFlow?: boolean
  run(): void | Promise<void>
}

export interface ActionContext {
  store: Store<WorkbenchState>
  model: WorkspaceModel
  edit: EditCommands
  current(): OpenFlow | undefined
}

export function createActions({ store, model, edit, current }: ActionContext): Action[] {
  const act = workbenchActions(store)
  const active = () => store.get().active
  const show = (view: WorkbenchState['sideView']) => store.set({ sideView: view })
  return [
    { id: 'workbench.palette', title: 'Show all commands', category: 'View', keys: ['Mod+Shift+P', 'F1'], whileTyping: true, run: () => store.set({ palette: true, findNode: false }) },
    { id: 'file.new', title: 'New flow…', category: 'File', keys: ['Alt+N'], whileTyping: true, run: () => store.set({ dialog: { kind: 'new-flow' } }) },
    { id: 'file.save', title: 'Save', category: 'File', keys: ['Mod+S'], whileTyping: true, run: () => void model.session(active())?.flush() },
    { id: 'file.close', title: 'Close tab', category: 'File', keys: ['Alt+W'], whileTyping: true, run: () => void (active() && model.close(active()!)) },
    { id: 'file.rename', title: 'Rename file…', category: 'File', keys: ['F2'], run: () => void (active() && store.set({ dialog: { kind: 'rename', path: active()! } })) },
    { id: 'file.duplicate', title: 'Duplicate file', category: 'File', run: () => void (active() && model.duplicate(active()!)) },
    { id: 'file.delete', title: 'Delete file…', category: 'File', run: () => void (active() && store.set({ dialog: { kind: 'delete', path: active()! } })) },
    { id: 'edit.undo', title: 'Undo', category: 'Edit', keys: ['Mod+Z'], needsFlow: true, run: edit.undo },
    { id: 'edit.redo', title: 'Redo', category: 'Edit', keys: ['Mod+Shift+Z', 'Mod+Y'], needsFlow: true, run: edit.redo },
    { id: 'edit.delete', title: 'Delete selected nodes', category: 'Edit', keys: ['Delete', 'Backspace'], needsFlow: true, run: edit.deleteSelection },
    { id: 'edit.copy', title: 'Copy', category: 'Edit', keys: ['Mod+C'], needsFlow: true, run: edit.copy },
    { id: 'edit.paste', title: 'Paste', category: 'Edit', keys: ['Mod+V'], needsFlow: true, run: edit.paste },
    { id: 'edit.duplicate', title: 'Duplicate selected nodes', category: 'Edit', keys: ['Mod+D'], needsFlow: true, run: edit.duplicate },
    { id: 'edit.selectAll', title: 'Select all nodes', category: 'Edit', keys: ['Mod+A'], needsFlow: true, run: edit.selectAll },
    { id: 'view.fit', title: 'Fit view', category: 'View', keys: ['Shift+1'], needsFlow: true, run: () => runCanvasCommand('fit-view', current()) },
    { id: 'view.layout', title: 'Auto-layout', category: 'View', keys: ['Shift+Alt+F'], needsFlow: true, run: () => runCanvasCommand('auto-layout', current()) },
    { id: 'view.zoomIn', title: 'Zoom in', category: 'View', keys: ['Mod+='], needsFlow: true, run: () => runCanvasCommand('zoom-in', current()) },
    { id: 'view.zoomOut', title: 'Zoom out', category: 'View', keys: ['Mod+-'], needsFlow: true, run: () => runCanvasCommand('zoom-out', current()) },
    { id: 'go.findNode', title: 'Find node…', category: 'Go', keys: ['Mod+F', 'Mod+P'], whileTyping: true, needsFlow: true, run: () => store.set({ findNode: true, palette: false }) },
    { id: 'view.code', title: 'Toggle JSON code view', category: 'View', keys: ['Mod+\\'], whileTyping: true, run: () => store.set((s) => ({ codeView: !s.codeView })) },
    { id: 'view.inspector', title: 'Toggle inspector', category: 'View', keys: ['Mod+Alt+B'], whileTyping: true, run: () => store.set((s) => ({ inspector: !s.inspector })) },
    { id: 'view.sidebar', title: 'Toggle side bar', category: 'View', keys: ['Mod+B'], whileTyping: true, run: () => store.set((s) => ({ sideView: s.sideView ? null : 'explorer' })) },
    { id: 'view.panel', title: 'Toggle bottom panel', category: 'View', keys: ['Mod+J'], whileTyping: true, run: () => store.set((s) => ({ panel: s.panel ? null : 'problems' })) },
    { id: 'view.explorer', title: 'Show Explorer', category: 'View', keys: ['Mod+Shift+E'], whileTyping: true, run: () => show('explorer') },
    { id: 'view.problems', title: 'Show Problems', category: 'View', keys: ['Mod+Shift+M'], whileTyping: true, run: () => store.set({ panel: 'problems' }) },
    { id: 'view.output', title: 'Show Output', category: 'View', keys: ['Mod+Shift+U'], whileTyping: true, run: () => store.set({ panel: 'output' }) },
    { id: 'view.simulator', title: 'Show Simulator', category: 'View', run: () => show('simulator') },
    { id: 'view.deploy', title: 'Show Deploy', category: 'View', run: () => show('deploy') },
    { id: 'go.nextTab', title: 'Next tab', category: 'Go', keys: ['Alt+]'], whileTyping: true, run: () => cycleTab(1) },
    { id: 'go.previousTab', title: 'Previous tab', category: 'Go', keys: ['Alt+['], whileTyping: true, run: () => cycleTab(-1) },
    { id: 'preferences.light', title: 'Color theme: Light', category: 'Preferences', run: () => setTheme('light') },
    { id: 'preferences.dark', title: 'Color theme: Dark', category: 'Preferences', run: () => setTheme('dark') },
    { id: 'preferences.system', title: 'Color theme: Follow the system', category: 'Preferences', run: () => setTheme('system') },
  ]

  function cycleTab(step: number) {
    const { tabs, active: path } = store.get()
    if (!tabs.length) return
    act.openTab(tabs[(tabs.indexOf(path ?? '') + step + tabs.length) % tabs.length])
  }
}
