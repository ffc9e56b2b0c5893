/**
 * Who is in the flow: this participant and the others as coloured avatars (title bar and status
 * bar). Clicking someone follows their viewport on the canvas; clicking again stops.
 */
import { useStore } from '../state/store.ts'
import type { CollabLink } from './connection.ts'
import { initials, type Peer } from './presence.ts'
import { userStore } from './user.ts'

function Avatar({ name, color, label, pressed, onClick }: { name: string; color: string; label: string; pressed?: boolean; onClick?: () => void }) {
  const face = (
    <span className="sb-avatar-face" style={{ background: color }} aria-hidden="true">
      {initials(name)}
    </span>
  )
  if (!onClick)
    return (
      <span className="sb-avatar is-self" title={label} role="img" aria-label={label}>
        {face}
      </span>
    )
  return (
    <button type="button" className="sb-avatar" title={label} aria-label={label} aria-pressed={pressed} onClick={onClick} style={{ outlineColor: color }}>
      {face}
    </button>
  )
}

/** The avatars of everyone in the flow; `withNames` also writes the names (the title bar has room). */
export function PresenceAvatars({ link, withNames }: { link: CollabLink; withNames?: boolean }) {
  const peers = useStore(link.state, (s) => s.peers)
  const following = useStore(link.state, (s) => s.following)
  const me = useStore(userStore, (s) => s.user)
  const follow = (peer: Peer) => link.state.set({ following: following === peer.clientId ? undefined : peer.clientId })
  return (
    <div className={`sb-presence${withNames ? ' with-names' : ''}`} role="group" aria-label={`${peers.length + 1} in this flow`}>
      <Avatar name={me.name} color={me.color} label={`${me.name} (you${link.readOnly ? ', viewing' : ''})`} />
      {withNames && <span className="sb-presence-name">{me.name}</span>}
      {peers.map((peer) => (
        <span key={peer.clientId} className="sb-presence-peer">
          <Avatar
            name={peer.user.name}
            color={peer.user.color}
            pressed={following === peer.clientId}
            label={`${peer.user.name}${peer.viewer ? ' (viewing)' : ''}: ${following === peer.clientId ? 'stop following' : 'follow their view'}`}
            onClick={() => follow(peer)}
          />
          {withNames && <span className="sb-presence-name">{peer.user.name}</span>}
        </span>
      ))}
    </div>
  )
}

const statusText = { connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…', offline: 'Offline' }
const statusTitle = {
  connecting: 'Connecting to the collaboration server',
  connected: 'Live: changes are shared and stored by the server',
  reconnecting: 'Connection lost; retrying. Your edits are kept and merge when it is back.',
  offline: 'No network. Your edits are kept and merge when you are back online.',
}

/** The status bar's live-collaboration state: connected, reconnecting or offline. */
export function CollabStatusItem({ link }: { link: CollabLink }) {
  const status = useStore(link.state, (s) => s.status)
  return (
    <span className={`status-item sb-collab-status is-${status}`} role="status" title={statusTitle[status]} data-collab-status={status}>
      <span className="sb-collab-dot" aria-hidden="true" />
      {statusText[status]}
      {link.readOnly && ' · read-only'}
    </span>
  )
}
