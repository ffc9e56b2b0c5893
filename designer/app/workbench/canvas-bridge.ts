/**
 * Commands only the canvas can carry out (they depend on its viewport and measured node sizes).
 * The workbench sends them as a cancelable window event; a canvas that handles one calls
 * preventDefault(). When none does, the workbench falls back: fit view presses React Flow's own
 * control button, auto-layout runs the canvas's elk layout on the document.
 */
import { moveNodes } from '../flow-doc/commands.ts'
import { moveTriggers, triggerIdOf } from '../flow-doc/triggers.ts'
import type { OpenFlow } from '../contracts.ts'

export const CANVAS_COMMAND_EVENT = 'switchboard:canvas-command'
export type CanvasCommand = 'fit-view' | 'auto-layout' | 'zoom-in' | 'zoom-out'

type LayoutModule = { layoutFlow(flow: OpenFlow['flow'], sizes: Map<string, { width: number; height: number }>): Promise<Record<string, { x: number; y: number }>> }
const layoutModules = import.meta.glob<LayoutModule>('../canvas/layout.ts')

/** Asks the canvas to run a command; true when it did. */
export function requestCanvas(command: CanvasCommand): boolean {
  const event = new CustomEvent(CANVAS_COMMAND_EVENT, { detail: { command }, cancelable: true })
  window.dispatchEvent(event)
  return event.defaultPrevented
}

const controlButton: Partial<Record<CanvasCommand, string>> = {
  'fit-view': '.react-flow__controls-fitview',
  'zoom-in': '.react-flow__controls-zoomin',
  'zoom-out': '.react-flow__controls-zoomout',
}

/** Runs a canvas command, with the workbench's fallback when the canvas does not take it. */
export async function runCanvasCommand(command: CanvasCommand, open: OpenFlow | undefined): Promise<void> {
  if (requestCanvas(command)) return
  const button = controlButton[command]
  if (button) return document.querySelector<HTMLButtonElement>(button)?.click()
  if (command === 'auto-layout' && open) {
    const load = layoutModules['../canvas/layout.ts']
    if (!load) return
    const sizes = new Map<string, { width: number; height: number }>()
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('.react-flow__node[data-id]'))) {
      if (element.offsetWidth) sizes.set(element.dataset.id!, { width: element.offsetWidth, height: element.offsetHeight })
    }
    const positions = Object.entries(await (await load()).layoutFlow(open.flow, sizes))
    open.undo.stopCapturing()
    open.doc.transact(() => {
      moveNodes(open.doc, Object.fromEntries(positions.filter(([id]) => triggerIdOf(id) === undefined)), open.origin)
      moveTriggers(open.doc, Object.fromEntries(positions.flatMap(([id, at]) => (triggerIdOf(id) === undefined ? [] : [[triggerIdOf(id)!, at]]))), open.origin)
    }, open.origin)
    requestAnimationFrame(() => void runCanvasCommand('fit-view', open))
  }
}
