/**
 * What collaboration draws on the canvas, rendered inside React Flow: the others' cursors and
 * selections (in their colours, with their names), comment pins, the "follow" of someone's viewport,
 * and the comment tool. It also publishes this participant's cursor and viewport (in flow
 * coordinates, throttled). Renders nothing when the flow is not shared.
 */
import { useEffect, useRef } from 'react'
import { Panel, useOnViewportChange, useReactFlow, useStore as useFlowStore, useStoreApi, ViewportPortal, type Viewport } from '@xyflow/react'
import type * as Y from 'yjs'
import { useStore } from '../state/store.ts'
import type { Anchor, CommentThread } from './comments.ts'
import { linkOf, type CollabLink } from './connection.ts'
import { viewportCenter, type Peer } from './presence.ts'

const THROTTLE_MS = 50
/** Under the canvas's own toolbar (top right), which reaches across a narrow canvas. */
const TOOLS_BELOW_TOOLBAR = { top: 40 }

function throttle<T>(run: (value: T) => void): (value: T) => void {
  let last = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let latest: T
  return (value: T) => {
    latest = value
    const wait = last + THROTTLE_MS - performance.now()
    if (wait <= 0) {
      last = performance.now()
      return run(value)
    }
    if (!timer) timer = setTimeout(() => ((timer = undefined), (last = performance.now()), run(latest)), wait)
  }
}

/** The overlay for a shared flow's document; place it inside <ReactFlow>. */
export function RemoteCursors({ doc }: { doc: Y.Doc }) {
  const link = linkOf(doc)
  return link ? <Overlay link={link} /> : null
}

type Box = { x: number; y: number; width: number; height: number }

function useNodeBoxes(ids: Set<string>): Map<string, Box> {
  const lookup = useFlowStore((s) => s.nodeLookup)
  const boxes = new Map<string, Box>()
  for (const id of ids) {
    const node = lookup.get(id)
    if (node) boxes.set(id, { ...node.internals.positionAbsolute, width: node.measured.width ?? node.width ?? 160, height: node.measured.height ?? node.height ?? 60 })
  }
  return boxes
}

function Overlay({ link }: { link: CollabLink }) {
  const rf = useReactFlow()
  const api = useStoreApi()
  const zoom = useFlowStore((s) => s.transform[2])
  const peers = useStore(link.state, (s) => s.peers)
  const threads = useStore(link.state, (s) => s.threads)
  const following = useStore(link.state, (s) => s.following)
  const commentMode = useStore(link.state, (s) => s.commentMode)
  const draft = useStore(link.state, (s) => s.draft)
  const size = useRef({ width: 0, height: 0 })
  const publishViewport = useRef(throttle((viewport: Viewport) => link.setViewport({ ...viewport, ...size.current }))).current

  useEffect(() => {
    const { domNode } = api.getState()
    if (!domNode) return
    const publishCursor = throttle((point: { x: number; y: number } | null) => link.setCursor(point && { x: Math.round(point.x), y: Math.round(point.y) }))
    const move = (event: PointerEvent) => publishCursor(rf.screenToFlowPosition({ x: event.clientX, y: event.clientY }))
    const leave = () => publishCursor(null)
    const takeOver = () => link.state.get().following !== undefined && link.state.set({ following: undefined })
    domNode.addEventListener('pointermove', move)
    domNode.addEventListener('pointerleave', leave)
    domNode.addEventListener('pointerdown', takeOver)
    domNode.addEventListener('wheel', takeOver, { passive: true })
    return () => {
      domNode.removeEventListener('pointermove', move)
      domNode.removeEventListener('pointerleave', leave)
      domNode.removeEventListener('pointerdown', takeOver)
      domNode.removeEventListener('wheel', takeOver)
      link.setCursor(null)
    }
  }, [api, rf, link])

  // Publish where we look (for whoever follows us), now and on every change.
  const width = useFlowStore((s) => s.width)
  const height = useFlowStore((s) => s.height)
  useEffect(() => {
    size.current = { width, height }
    publishViewport(rf.getViewport())
  }, [width, height, rf, publishViewport])
  useOnViewportChange({ onChange: publishViewport })
  useEffect(() => () => link.setViewport(null), [link])

  // Follow: keep the followed participant's view centre and zoom.
  const followed = peers.find((p) => p.clientId === following)
  useEffect(() => {
    if (following !== undefined && !followed) link.state.set({ following: undefined })
    if (!followed?.viewport) return
    const centre = viewportCenter(followed.viewport)
    void rf.setCenter(centre.x, centre.y, { zoom: centre.zoom, duration: 0 })
  }, [followed?.viewport, following, rf, link])

  // A viewer's canvas: nothing to drag or wire (edits would be dropped anyway).
  useEffect(() => {
    if (link.readOnly) api.setState({ nodesDraggable: false, nodesConnectable: false, edgesReconnectable: false, elementsSelectable: true })
  })

  // The comment tool: the next click on a node pins the comment to it, elsewhere to that canvas point.
  useEffect(() => {
    const { domNode } = api.getState()
    if (!commentMode || !domNode) return
    const place = (event: MouseEvent) => {
      const target = event.target as Element
      if (target.closest('.react-flow__panel, .react-flow__controls, .react-flow__minimap')) return
      event.preventDefault()
      event.stopPropagation()
      const node = (target.closest('.react-flow__node') as HTMLElement | null)?.dataset.id
      const point = rf.screenToFlowPosition({ x: event.clientX, y: event.clientY })
      const anchor: Anchor = node && !node.startsWith('frame:') ? { node } : { x: Math.round(point.x), y: Math.round(point.y) }
      link.state.set({ commentMode: false, draft: anchor, focus: { thread: '', seq: performance.now() } })
    }
    const cancel = (event: KeyboardEvent) => event.key === 'Escape' && link.state.set({ commentMode: false })
    domNode.addEventListener('click', place, true)
    window.addEventListener('keydown', cancel)
    domNode.classList.add('sb-commenting')
    return () => {
      domNode.removeEventListener('click', place, true)
      window.removeEventListener('keydown', cancel)
      domNode.classList.remove('sb-commenting')
    }
  }, [commentMode, api, rf, link])

  const selected = new Set(peers.flatMap((p) => p.selection ?? []))
  const pinned = threads.filter((t) => !t.resolved)
  for (const anchor of [...pinned.map((t) => t.anchor), ...(draft ? [draft] : [])]) if ('node' in anchor) selected.add(anchor.node)
  const boxes = useNodeBoxes(selected)
  const scale = 1 / zoom
  const pinAt = (anchor: Anchor) => {
    if (!('node' in anchor)) return anchor
    const box = boxes.get(anchor.node)
    return box && { x: box.x + box.width, y: box.y }
  }

  return (
    <>
      <ViewportPortal>
        <div className="sb-collab-layer">
          {peers.map((peer) => (peer.selection ?? []).map((id) => boxes.get(id) && <SelectionOutline key={`${peer.clientId}:${id}`} peer={peer} box={boxes.get(id)!} scale={scale} />))}
          {pinned.map((thread, index) => {
            const at = pinAt(thread.anchor)
            return at && <Pin key={thread.id} thread={thread} number={index + 1} at={at} scale={scale} onOpen={() => link.state.set({ focus: { thread: thread.id, seq: performance.now() } })} />
          })}
          {draft && pinAt(draft) && <div className="sb-pin is-draft" style={{ transform: `translate(${pinAt(draft)!.x}px, ${pinAt(draft)!.y}px) scale(${scale})` }} aria-hidden="true">+</div>}
          {peers.map((peer) => peer.cursor && <Cursor key={peer.clientId} peer={peer} scale={scale} />)}
        </div>
      </ViewportPortal>
      <Panel position="top-left" className="sb-collab-tools" style={TOOLS_BELOW_TOOLBAR}>
        {!link.readOnly && (
          <button type="button" aria-pressed={commentMode} title="Add a comment: click a node or a spot on the canvas (Escape cancels)" onClick={() => link.state.set({ commentMode: !commentMode })}>
            Comment
          </button>
        )}
        {followed && (
          <span className="sb-following" style={{ borderColor: followed.user.color }} role="status">
            Following {followed.user.name}
            <button type="button" aria-label="Stop following" onClick={() => link.state.set({ following: undefined })}>×</button>
          </span>
        )}
      </Panel>
      {followed && <div className="sb-follow-frame" style={{ borderColor: followed.user.color }} aria-hidden="true" />}
    </>
  )
}

function Cursor({ peer, scale }: { peer: Peer; scale: number }) {
  const { x, y } = peer.cursor!
  return (
    <div className="sb-cursor" data-peer={peer.user.name} style={{ transform: `translate(${x}px, ${y}px) scale(${scale})`, color: peer.user.color }}>
      <svg width="18" height="20" viewBox="0 0 18 20" aria-hidden="true">
        <path d="M1 1l6.5 17 2.2-7.1L17 8.6z" fill="currentColor" stroke="#fff" strokeWidth="1.5" strokeLinejoin="round" />
      </svg>
      <span className="sb-cursor-name" style={{ background: peer.user.color }}>{peer.user.name}</span>
    </div>
  )
}

function SelectionOutline({ peer, box, scale }: { peer: Peer; box: Box; scale: number }) {
  const pad = 5 * scale
  return (
    <div
      className="sb-remote-selection"
      data-peer={peer.user.name}
      style={{ left: box.x - pad, top: box.y - pad, width: box.width + 2 * pad, height: box.height + 2 * pad, borderColor: peer.user.color, borderWidth: 2 * scale, borderRadius: 10 * scale }}
    >
      <span className="sb-remote-selection-name" style={{ background: peer.user.color, transform: `scale(${scale})` }}>{peer.user.name}</span>
    </div>
  )
}

function Pin({ thread, number, at, scale, onOpen }: { thread: CommentThread; number: number; at: { x: number; y: number }; scale: number; onOpen(): void }) {
  const first = thread.messages[0]
  return (
    <button
      type="button"
      className="sb-pin"
      data-thread={thread.id}
      style={{ transform: `translate(${at.x}px, ${at.y}px) scale(${scale})`, background: thread.author.color ?? '#666' }}
      title={`${thread.author.name}: ${first?.text ?? ''}${thread.messages.length > 1 ? ` (+${thread.messages.length - 1} replies)` : ''}`}
      aria-label={`Comment ${number} by ${thread.author.name}: open it`}
      onClick={(event) => (event.stopPropagation(), onOpen())}
    >
      {number}
    </button>
  )
}
