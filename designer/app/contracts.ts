/**
 * The props contracts between the workbench and its views. Each view is one folder under
 * designer/app/ and a projection of the one Yjs flow document (flow-doc/); views never hold a
 * second copy of the flow. Edits go through flow-doc/commands.ts with the session's `origin`.
 */
import type * as Y from 'yjs'
import type { Flow } from '../../schemas/nodes/step.ts'
import type { Problem } from '../../schemas/validate.ts'

/** One open flow: its document, this participant's origin (for undo) and the derived facts every view shares. */
export interface OpenFlow {
  /** Workspace-relative path, e.g. order-bot.flow.json. */
  path: string
  doc: Y.Doc
  /** Origin passed to every command so Y.UndoManager undoes only this participant's edits. */
  origin: object
  undo: Y.UndoManager
  /** The flow as JSON, re-read on every document change (cheap: a few ms for 1,000 nodes). */
  flow: Flow
  /** validateFlow(flow), recomputed on change. */
  problems: Problem[]
  /** A viewer's flow (view token): shown live, never changed; views should offer no edits. */
  readOnly?: boolean
}

/** What is selected on the canvas; shared by canvas, inspector, problems and simulator. */
export interface Selection {
  /** Canvas ids: node ids, and `trigger:<id>` for an escalation rule's card (flow-doc/triggers.ts). */
  nodes: string[]
}

/** Props of the canvas view (canvas/flow-canvas.tsx). */
export interface CanvasProps {
  open: OpenFlow
  selection: Selection
  onSelect(selection: Selection): void
  /** Node the simulator stands at, lit on the canvas. */
  activeNode?: string
  /** Asks the canvas to centre a node (from Problems, find, simulator). Changes each request. */
  reveal?: { node: string; seq: number }
}

/** Props of the inspector (inspector/inspector.tsx): the form of the selected node, or of the flow itself. */
export interface InspectorProps {
  open: OpenFlow
  selection: Selection
}

/** Props of the code view (code/code-view.tsx). */
export interface CodeViewProps {
  open: OpenFlow
  /** Asks the code view to reveal a JSON pointer. Changes each request. */
  reveal?: { pointer: string; seq: number }
}

/** Props of the problems list (problems/problems-panel.tsx). */
export interface ProblemsProps {
  open: OpenFlow
  onRevealNode(node: string): void
  onRevealPointer(pointer: string): void
}

/** Props of the simulator (simulator/simulator.tsx). */
export interface SimulatorProps {
  open: OpenFlow
  /** Reports the node the conversation stands at, to light it on the canvas. */
  onActiveNode(node: string | undefined): void
  /** Saves a transcript next to the flow (designer server PUT /api/files/<name>.transcript.json). */
  onSaveTranscript(name: string, transcript: unknown): Promise<void>
}

/** Props of the deploy view (deploy/deploy-view.tsx). */
export interface DeployProps {
  open: OpenFlow
}
