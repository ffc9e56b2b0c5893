/**
 * The canvas view: a React Flow projection of the open flow document. It reads the flow through
 * derive.ts and writes only through flow-doc/commands.ts (canvas-actions.ts); live drag positions,
 * measured sizes and edge selection stay local until a drag ends.
 */
import '@xyflow/react/dist/style.css'
import './canvas.css'
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent as ReactMouseEvent } from 'react'
import { Background, BackgroundVariant, Controls, MiniMap, Panel, ReactFlow, ReactFlowProvider, useReactFlow, useStore, type Connection, type Edge, type NodeChange, type OnNodeDrag } from '@xyflow/react'
import type { CanvasProps } from '../contracts.ts'
import { moveNodes } from '../flow-doc/commands.ts'
import { isTriggerCardId, moveTriggers, rulesOf, triggerCardId, triggerIdOf } from '../flow-doc/triggers.ts'
import { createActions, type CanvasState } from './canvas-actions.ts'
import { keyAction, type CanvasAction } from './canvas-keys.ts'
import { connectExit, connectKey, connectTarget, startConnect, type ConnectState } from './connect-mode.ts'
import { FRAME_PREFIX, isFrameId, nodeLabel, type CanvasNode } from './derive.ts'
import { moveFrames } from './edits.ts'
import { canvasEdgeTypes, canvasNodeTypes } from './node-card.tsx'
import { kindOf } from './node-kinds.ts'
import { BOLT_ICON, DRAG_TYPE, kindItems, Palette, Picker, type PickerItem } from './palette.tsx'
import { triggerLabel, triggerText } from './trigger-kinds.ts'
import { useCanvasModel } from './use-canvas-model.ts'
import { RemoteCursors } from '../collab/index.ts'

/**
 * Cancelable window event the workbench dispatches to run a canvas command (command palette, menus):
 * `detail: { command }`. The canvas calls preventDefault() when it ran it (workbench/canvas-bridge.ts).
 */
export const CANVAS_COMMAND_EVENT = 'switchboard:canvas-command'
export type CanvasCommand = 'add-node' | 'find-node' | 'auto-layout' | 'fit-view' | 'zoom-in' | 'zoom-out' | 'frame-selection' | 'duplicate' | 'copy' | 'paste' | 'delete' | 'select-all'
const COMMANDS = new Set<string>(['add-node', 'find-node', 'auto-layout', 'fit-view', 'zoom-in', 'zoom-out', 'frame-selection', 'duplicate', 'copy', 'paste', 'delete', 'select-all'])

const SNAP_GRID: [number, number] = [16, 16]
const MULTI_SELECT_KEYS = ['Meta', 'Control', 'Shift']
const FIT_OPTIONS = { padding: 0.1, maxZoom: 1 }
/** Below this zoom the cards drop their small print (unreadable there, and costly to paint on every pan frame). */
const FAR_ZOOM = 0.45
const isFar = (s: { transform: [number, number, number] }) => s.transform[2] < FAR_ZOOM
const pointOf = (event: MouseEvent | TouchEvent) => ('changedTouches' in event ? { x: event.changedTouches[0]?.clientX ?? 0, y: event.changedTouches[0]?.clientY ?? 0 } : { x: event.clientX, y: event.clientY })
/** Rules in their amber on the minimap; nodes keep React Flow's themed default. */
const minimapColor = (node: CanvasNode) => (node.type === 'trigger' ? '#f0b35a' : undefined) as string
const escapeCss = (id: string) => (typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(id) : id.replace(/["\\]/g, '\\$&'))

/** The flow canvas with its palette. Render it inside a sized box; it fills it. */
export function FlowCanvas(props: CanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasView {...props} />
    </ReactFlowProvider>
  )
}

function CanvasView({ open, selection, onSelect, activeNode, reveal }: CanvasProps) {
  const rf = useReactFlow<CanvasNode, Edge>()
  const wrapper = useRef<HTMLDivElement>(null)
  const [frameSelection, setFrameSelection] = useState<Set<string>>(() => new Set())
  const { nodes, edges, applyNodes, applyEdges } = useCanvasModel(open, selection.nodes, frameSelection, activeNode)
  const [picker, setPicker] = useState<'add' | 'find' | 'connect-target' | null>(null)
  const [linking, setLinking] = useState<ConnectState | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const reconnecting = useRef<{ edge: Edge; at: { x: number; y: number } } | null>(null)
  const far = useStore(isFar)

  const focusLater = useCallback((id: string) => {
    let tries = 0
    const tick = () => {
      // A node is hidden (so not focusable) until React Flow has measured it.
      const element = wrapper.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${escapeCss(id)}"]`)
      element?.focus({ preventScroll: true })
      if (document.activeElement !== element && tries++ < 60) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  }, [])
  const state = useRef<CanvasState>(null!)
  state.current = { open, selection, onSelect, nodes, edges, frameSelection, rf, element: wrapper.current, focusLater }
  const actions = useMemo(() => createActions(() => state.current), [])

  useEffect(() => {
    if (reveal) actions.reveal(reveal.node)
  }, [reveal?.seq])

  const label = (id: string) => {
    const { flow } = state.current.open
    const trigger = triggerIdOf(id)
    const rule = trigger === undefined ? undefined : rulesOf(flow).find((t) => t.id === trigger)
    if (rule) return triggerLabel(rule)
    const node = flow.nodes.find((n) => n.id === id)
    return node ? nodeLabel(node) : id
  }
  const describeLink = (s: ConnectState) => `Connect ${label(s.source)}, exit '${connectExit(s)}' (${s.exit + 1} of ${s.exits.length}), to ${label(connectTarget(s))}. Arrows: exit. Tab: target. /: find target. Enter: connect. Escape: cancel.`

  const beginLink = (node: string, exit?: string) => {
    const positions = new Map(state.current.nodes.map((n) => [n.id, n.position]))
    const next = startConnect(state.current.open.flow, node, positions, exit)
    setLinking(next ?? null)
    setAnnouncement(next ? describeLink(next) : `${label(node)} has no exits to connect.`)
  }
  const finishLink = (source: string, exit: string, target: string) => {
    actions.connectExit(source, exit, target)
    setLinking(null)
    setAnnouncement(`Connected ${label(source)} '${exit}' to ${label(target)}.`)
    focusLater(source)
  }

  const run = (action: CanvasAction | { type: CanvasCommand }) => {
    switch (action.type) {
      case 'move': return actions.move(action.dx, action.dy)
      case 'delete': return actions.remove()
      case 'open-inspector': return actions.select([action.node], action.node)
      case 'start-connect': return beginLink(action.node, action.exit)
      case 'follow': return actions.follow(action.node, action.direction)
      case 'add': case 'add-node': return setPicker('add')
      case 'find': case 'find-node': return setPicker('find')
      case 'duplicate': return actions.duplicate()
      case 'copy': return actions.copyText()
      case 'paste': return actions.paste()
      case 'select-all': return actions.selectAll()
      case 'frame': case 'frame-selection': return actions.frame()
      case 'layout': case 'auto-layout': return actions.layout()
      case 'fit': case 'fit-view': return rf.fitView(FIT_OPTIONS)
      case 'zoom-in': return rf.zoomIn()
      case 'zoom-out': return rf.zoomOut()
      case 'escape':
        setFrameSelection(new Set())
        applyEdges(state.current.edges.filter((e) => e.selected).map((e) => ({ type: 'select', id: e.id, selected: false })))
        return onSelect({ nodes: [] })
    }
  }

  useEffect(() => {
    const listener = (event: Event) => {
      const command = (event as CustomEvent<{ command?: string }>).detail?.command
      if (!command || !COMMANDS.has(command)) return
      event.preventDefault()
      void run({ type: command as CanvasCommand })
    }
    window.addEventListener(CANVAS_COMMAND_EVENT, listener)
    return () => window.removeEventListener(CANVAS_COMMAND_EVENT, listener)
  })

  const onKeyDownCapture = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement
    if (picker || target.closest('input, textarea, select, [contenteditable="true"], .sb-picker')) return
    if (linking) {
      if (event.ctrlKey || event.metaKey || event.altKey) return
      event.preventDefault()
      event.stopPropagation()
      if (event.key === '/') return setPicker('connect-target')
      const result = connectKey(linking, event.key, event.shiftKey)
      if ('state' in result) {
        setLinking(result.state)
        setAnnouncement(describeLink(result.state))
        if (event.key === 'Tab') rf.fitView({ nodes: [{ id: result.state.source }, { id: connectTarget(result.state) }], ...FIT_OPTIONS, duration: 0 })
      } else if ('connect' in result) finishLink(result.connect.source, result.connect.exit, result.connect.target)
      else if ('cancel' in result) {
        setLinking(null)
        setAnnouncement('Connecting cancelled.')
      }
      return
    }
    const port = target.closest<HTMLElement>('.react-flow__handle.source')
    const nodeId = target.closest<HTMLElement>('.react-flow__node')?.dataset.id
    const { selection: sel, edges: currentEdges, frameSelection: frames } = state.current
    const action = keyAction(event, {
      node: nodeId && !isFrameId(nodeId) ? nodeId : sel.nodes.length === 1 ? sel.nodes[0] : undefined,
      port: port?.dataset.nodeid && port.dataset.handleid ? { node: port.dataset.nodeid, exit: port.dataset.handleid } : undefined,
      hasSelection: sel.nodes.length > 0 || frames.size > 0 || currentEdges.some((e) => e.selected),
    })
    if (!action) return
    event.preventDefault()
    event.stopPropagation()
    run(action)
  }

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    applyNodes(changes.filter((c) => c.type !== 'remove'))
    const selects = changes.filter((c) => c.type === 'select')
    if (!selects.length) return
    const { selection: sel, frameSelection: frames } = state.current
    const nodeIds = new Set(sel.nodes)
    const frameIds = new Set(frames)
    for (const change of selects) {
      const set = isFrameId(change.id) ? frameIds : nodeIds
      if (change.selected) set.add(change.id)
      else set.delete(change.id)
    }
    if ([...frameIds].join() !== [...frames].join()) setFrameSelection(frameIds)
    if ([...nodeIds].join() !== sel.nodes.join()) state.current.onSelect({ nodes: [...nodeIds] })
  }, [])

  const onNodeDragStart = useCallback(() => state.current.open.undo.stopCapturing(), [])
  const onNodeDragStop: OnNodeDrag<CanvasNode> = useCallback((_event, _node, dragged) => {
    const { open: current } = state.current
    const flowNodes = dragged.filter((n) => !isFrameId(n.id) && !isTriggerCardId(n.id))
    const rules = dragged.filter((n) => isTriggerCardId(n.id))
    const frames = dragged.filter((n) => isFrameId(n.id))
    current.doc.transact(() => {
      if (flowNodes.length) moveNodes(current.doc, Object.fromEntries(flowNodes.map((n) => [n.id, n.position])), current.origin)
      if (rules.length) moveTriggers(current.doc, Object.fromEntries(rules.map((n) => [triggerIdOf(n.id)!, n.position])), current.origin)
      if (frames.length) moveFrames(current.doc, current.flow, Object.fromEntries(frames.map((n) => [n.id.slice(FRAME_PREFIX.length), n.position])), current.origin)
    }, current.origin)
    current.undo.stopCapturing()
  }, [])

  const onConnect = useCallback((c: Connection) => {
    if (c.sourceHandle && !isFrameId(c.target) && !isTriggerCardId(c.target)) actions.connectExit(c.source, c.sourceHandle, c.target)
  }, [])
  const isValidConnection = useCallback((c: Connection | Edge) => !isFrameId(c.target) && !isFrameId(c.source) && !isTriggerCardId(c.target), [])
  const onReconnectStart = useCallback((event: ReactMouseEvent, edge: Edge) => { reconnecting.current = { edge, at: { x: event.clientX, y: event.clientY } } }, [])
  const onReconnect = useCallback((old: Edge, c: Connection) => {
    reconnecting.current = null
    const { open: current } = state.current
    if (isTriggerCardId(c.target)) return
    current.doc.transact(() => {
      if (old.source !== c.source || old.sourceHandle !== c.sourceHandle) actions.disconnectExit(old.source, old.sourceHandle!)
      if (c.sourceHandle) actions.connectExit(c.source, c.sourceHandle, c.target)
    }, current.origin)
  }, [])
  /** An edge end dragged away and dropped on nothing disconnects that exit (a click on the end does not). */
  const onReconnectEnd = useCallback((event: MouseEvent | TouchEvent) => {
    const started = reconnecting.current
    reconnecting.current = null
    const end = pointOf(event)
    const moved = started && Math.hypot(end.x - started.at.x, end.y - started.at.y) > 8
    if (moved && started.edge.sourceHandle) actions.disconnectExit(started.edge.source, started.edge.sourceHandle)
  }, [])

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
  }
  const onDrop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(DRAG_TYPE)
    if (!type) return
    event.preventDefault()
    actions.addNodeAt(type, rf.screenToFlowPosition({ x: event.clientX, y: event.clientY }))
  }

  const findItems = useMemo<PickerItem[]>(() => {
    if (picker !== 'find' && picker !== 'connect-target') return []
    const nodeItems = open.flow.nodes.map((n) => ({ value: n.id, label: n.name ?? n.id, detail: `${kindOf(n.type).title} · ${n.id}`, icon: kindOf(n.type).icon }))
    if (picker === 'connect-target') return nodeItems
    const language = open.flow.defaultLanguage ?? 'en'
    const rules = rulesOf(open.flow).map((t) => ({ value: triggerCardId(t.id), label: t.name ?? t.id, detail: `Escalation rule · ${triggerText(t, open.flow.nodes.find((n) => n.id === t.goto), language).title}`, icon: BOLT_ICON }))
    return [...rules, ...nodeItems]
  }, [picker, open.flow])
  const closePicker = () => {
    setPicker(null)
    const back = linking?.source ?? state.current.selection.nodes[0]
    if (back) focusLater(back)
    else wrapper.current?.focus()
  }
  const pick = (value: string) => {
    setPicker(null)
    if (picker === 'add') return actions.addNodeAt(value)
    if (picker === 'connect-target' && linking) return finishLink(linking.source, connectExit(linking), value)
    actions.reveal(value)
  }

  const linkStyle = linking
    ? `.react-flow__node[data-id="${escapeCss(linking.source)}"] .react-flow__handle[data-handleid="${escapeCss(connectExit(linking))}"]{outline:3px solid var(--sb-focus);outline-offset:2px}
       .react-flow__node[data-id="${escapeCss(connectTarget(linking))}"]{outline:3px dashed var(--sb-focus);outline-offset:6px;border-radius:10px}`
    : ''

  return (
    <div className="sb-canvas" onKeyDownCapture={onKeyDownCapture}
      onCopy={(event) => {
        if ((event.target as HTMLElement).closest('input, textarea')) return
        const text = actions.copyText()
        if (!text) return
        event.preventDefault()
        event.clipboardData.setData('text/plain', text)
      }}
      onPaste={(event) => {
        if ((event.target as HTMLElement).closest('input, textarea')) return
        if (actions.paste(event.clipboardData.getData('text/plain') || undefined)) event.preventDefault()
      }}>
      <Palette onAdd={(type) => actions.addNodeAt(type)} />
      <div className={far ? 'sb-flow sb-far' : 'sb-flow'} ref={wrapper} tabIndex={0} role="application" aria-label={`Flow canvas: ${open.flow.name}`} aria-describedby="sb-canvas-help" onDragOver={onDragOver} onDrop={onDrop}>
        <style>{linkStyle}</style>
        <p id="sb-canvas-help" className="sb-visually-hidden">Tab to reach escalation rules, nodes and their exit ports. Arrows move the selected card, C connects, ] follows an edge, A adds a node or a rule, Ctrl+F finds one, Delete removes.</p>
        <ReactFlow<CanvasNode, Edge>
          nodes={nodes}
          edges={edges}
          nodeTypes={canvasNodeTypes}
          edgeTypes={canvasEdgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={applyEdges}
          onNodeDragStart={onNodeDragStart}
          onNodeDragStop={onNodeDragStop}
          onConnect={onConnect}
          isValidConnection={isValidConnection}
          onReconnectStart={onReconnectStart}
          onReconnect={onReconnect}
          onReconnectEnd={onReconnectEnd}
          onPaneClick={() => wrapper.current?.focus({ preventScroll: true })}
          snapToGrid
          snapGrid={SNAP_GRID}
          deleteKeyCode={null}
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          fitView
          fitViewOptions={FIT_OPTIONS}
          minZoom={0.1}
          onlyRenderVisibleElements={nodes.length > 300}
          colorMode="system"
        >
          {!far && <Background variant={BackgroundVariant.Dots} gap={16} />}
          <MiniMap pannable zoomable ariaLabel="Mini map" nodeColor={minimapColor} />
          <Controls aria-label="Zoom controls" />
          <RemoteCursors doc={open.doc} />
          <Panel position="top-right" className="sb-toolbar">
            <button type="button" onClick={() => setPicker('add')} title="Add a node (A)">Add node</button>
            <button type="button" onClick={() => setPicker('find')} title="Find a node (Ctrl+F)">Find</button>
            <button type="button" onClick={() => void actions.layout()} title="Auto-layout (Shift+L)">Auto-layout</button>
            <button type="button" onClick={() => actions.frame()} disabled={!selection.nodes.length} title="Frame the selection (G)">Frame</button>
          </Panel>
          {linking && <Panel position="top-center" className="sb-linking">{describeLink(linking)}</Panel>}
        </ReactFlow>
        <div className="sb-visually-hidden" aria-live="polite">{announcement}</div>
        {picker && (
          <Picker
            label={picker === 'add' ? 'Add a node' : picker === 'find' ? 'Find a node' : 'Connect to'}
            placeholder={picker === 'add' ? 'Node type…' : 'Node name…'}
            items={picker === 'add' ? kindItems : findItems}
            onPick={pick}
            onClose={closePicker}
          />
        )}
      </div>
    </div>
  )
}
