/** The canvas view (issue 4 items 2 and 8): the flow document as a React Flow graph, editable by mouse and keyboard. */
export { FlowCanvas, CANVAS_COMMAND_EVENT, type CanvasCommand } from './flow-canvas.tsx'
export { keyHelp } from './canvas-keys.ts'
