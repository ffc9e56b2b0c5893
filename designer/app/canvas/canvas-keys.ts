/**
 * The canvas's keyboard map (KEYBOARD.md): which key does what, as data the component runs and the
 * tests read. Copy and paste are not here: they ride the browser's own copy / paste events.
 */
export const GRID = 16

export type CanvasAction =
  | { type: 'move'; dx: number; dy: number }
  | { type: 'delete' }
  | { type: 'open-inspector'; node: string }
  | { type: 'start-connect'; node: string; exit?: string }
  | { type: 'follow'; node: string; direction: 1 | -1 }
  | { type: 'add' }
  | { type: 'find' }
  | { type: 'duplicate' }
  | { type: 'select-all' }
  | { type: 'frame' }
  | { type: 'layout' }
  | { type: 'fit' }
  | { type: 'escape' }

export interface KeyPress {
  key: string
  shiftKey?: boolean
  ctrlKey?: boolean
  metaKey?: boolean
  altKey?: boolean
}

export interface KeyContext {
  /** The node that has focus (or the one selected node). */
  node?: string
  /** The port that has focus. */
  port?: { node: string; exit: string }
  /** Whether any node, edge or frame is selected. */
  hasSelection: boolean
}

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }

/** The action for a key press on the canvas, or undefined to let React Flow and the workbench have it. */
export function keyAction(press: KeyPress, context: KeyContext): CanvasAction | undefined {
  const mod = press.ctrlKey || press.metaKey
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key
  if (mod && !press.altKey) {
    if (key === 'f') return { type: 'find' }
    if (key === 'd') return { type: 'duplicate' }
    if (key === 'a') return { type: 'select-all' }
    return undefined
  }
  if (press.altKey) return undefined
  if (ARROWS[key] && context.hasSelection) {
    const step = press.shiftKey ? 4 * GRID : GRID
    return { type: 'move', dx: ARROWS[key][0] * step, dy: ARROWS[key][1] * step }
  }
  if (key === 'Delete' || key === 'Backspace') return context.hasSelection ? { type: 'delete' } : undefined
  if (key === 'Enter' && context.port) return { type: 'start-connect', node: context.port.node, exit: context.port.exit }
  if (key === 'Enter' && context.node) return { type: 'open-inspector', node: context.node }
  if (key === 'c' && context.node && !press.shiftKey) return { type: 'start-connect', node: context.node }
  if (key === ']' && context.node) return { type: 'follow', node: context.node, direction: 1 }
  if (key === '[' && context.node) return { type: 'follow', node: context.node, direction: -1 }
  if (key === 'Insert' || (key === 'a' && !press.shiftKey)) return { type: 'add' }
  if (key === 'g' && !press.shiftKey && context.hasSelection) return { type: 'frame' }
  if (key === 'l' && press.shiftKey) return { type: 'layout' }
  if (key === 'f' && press.shiftKey) return { type: 'fit' }
  if (key === 'Escape') return { type: 'escape' }
  return undefined
}

/** Keys and what they do, for the help overlay and KEYBOARD.md. */
export const keyHelp: [keys: string, what: string][] = [
  ['Tab / Shift+Tab', 'move focus between escalation rules, nodes, ports and edges'],
  ['Enter (on a node or rule)', 'select it and open the inspector'],
  ['Arrows (Shift = ×4)', 'move the selected nodes and rules by one grid step'],
  ['C, or Enter on a port', 'connect: arrows choose the exit, Tab the target, Enter connects, / finds a target by name'],
  [']  /  [', 'go to the next node along the first connected exit / back to a node that leads here'],
  ['A or Insert', 'add a node or an escalation rule (beside the selected one)'],
  ['Delete', 'delete the selected nodes, rules, edges or frames'],
  ['Ctrl+C / Ctrl+V / Ctrl+D', 'copy, paste (also into another flow), duplicate'],
  ['Ctrl+A', 'select every node'],
  ['Ctrl+F', 'find a node by name'],
  ['G', 'draw a frame around the selection'],
  ['Shift+L / Shift+F', 'auto-layout / fit the view'],
  ['Escape', 'cancel, close, or clear the selection'],
]
