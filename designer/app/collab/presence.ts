/**
 * Presence as plain data: what each participant publishes over awareness (never stored in the
 * document) and the list of peers the views draw. No React and no Yjs here, so it is tested alone.
 */

export interface User {
  name: string
  color: string
}

/** Where a participant looks: the React Flow viewport and the size of the pane it fills. */
export interface ViewportState {
  x: number
  y: number
  zoom: number
  width: number
  height: number
}

/** One participant's awareness state. Cursor is in flow coordinates; null when the pointer is off the canvas. */
export interface PresenceState {
  user: User
  cursor?: { x: number; y: number } | null
  selection?: string[]
  viewport?: ViewportState | null
  viewer?: boolean
}

export interface Peer extends PresenceState {
  clientId: number
}

/** Colours for participants: readable on light and dark canvases, with white initials at 4.5:1 or more (WCAG AA). */
export const COLORS = ['#ce2c31', '#087a60', '#8e4ec6', '#c2298a', '#c24a06', '#0070d6', '#866a5e', '#3e63dd']

/** A colour picked from the name, so a person keeps theirs across sessions and devices. */
export function colorFor(name: string): string {
  let hash = 0
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0
  return COLORS[hash % COLORS.length]
}

/** The name offered before the user chose one: "Guest 12". */
export const guestName = (n: number) => `Guest ${n}`

/** Up to two initials for an avatar: "Ada Lovelace" → "AL", "guest 3" → "G3". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  if (!words.length) return '?'
  if (words.length === 1) return words[0].slice(0, 2).toUpperCase()
  return (words[0][0] + words[words.length - 1][0]).toUpperCase()
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)
const isPoint = (value: unknown): value is { x: number; y: number } => !!value && typeof value === 'object' && isNumber((value as { x: unknown }).x) && isNumber((value as { y: unknown }).y)

function viewportOf(value: unknown): ViewportState | null {
  if (!isPoint(value)) return null
  const { zoom, width, height } = value as Partial<ViewportState>
  return isNumber(zoom) && zoom > 0 && isNumber(width) && isNumber(height) ? { x: value.x, y: value.y, zoom, width, height } : null
}

/**
 * The other participants from awareness states (clientID → state): only states with a named user,
 * malformed fields dropped (a peer's state is untrusted input), ordered by name then client id.
 */
export function peersOf(states: Map<number, unknown>, self: number): Peer[] {
  const peers: Peer[] = []
  for (const [clientId, raw] of states) {
    if (clientId === self || !raw || typeof raw !== 'object') continue
    const state = raw as Record<string, unknown>
    const user = state.user as Partial<User> | undefined
    if (!user || typeof user.name !== 'string' || !user.name.trim()) continue
    const color = typeof user.color === 'string' && /^#[0-9a-f]{3,8}$/i.test(user.color) ? user.color : colorFor(user.name)
    peers.push({
      clientId,
      user: { name: user.name.trim().slice(0, 60), color },
      cursor: isPoint(state.cursor) ? { x: state.cursor.x, y: state.cursor.y } : null,
      selection: Array.isArray(state.selection) ? state.selection.filter((id): id is string => typeof id === 'string') : [],
      viewport: viewportOf(state.viewport),
      viewer: state.viewer === true,
    })
  }
  return peers.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId)
}

/** The flow point at the centre of a viewport (what "follow" brings into view). */
export function viewportCenter(viewport: ViewportState): { x: number; y: number; zoom: number } {
  return { x: (viewport.width / 2 - viewport.x) / viewport.zoom, y: (viewport.height / 2 - viewport.y) / viewport.zoom, zoom: viewport.zoom }
}
