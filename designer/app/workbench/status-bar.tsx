/** The bottom line: connection to the workspace (or the live collaboration state of a shared flow) and who is in it, problem counts, save state, flow version and languages. */
import type { SessionSnapshot } from '../explorer/flow-session.ts'
import { useStore } from '../state/store.ts'
import { CollabStatusItem, PresenceAvatars } from '../collab/index.ts'
import { useWorkbench } from './context.ts'
import { Icon } from './icons.tsx'

const connectionText = { connected: 'Workspace connected', connecting: 'Connecting…', offline: 'Workspace offline' }
const saveText = { saved: 'Saved', unsaved: 'Unsaved changes', saving: 'Saving…', error: 'Not saved' }
const sharedText = { saved: 'Saved', unsaved: 'Not stored yet', saving: 'Saving…', error: 'Not saved' }

export function StatusBar({ snapshot }: { snapshot?: SessionSnapshot }) {
  const { store } = useWorkbench()
  const connection = useStore(store, (s) => s.connection)
  const selected = useStore(store, (s) => s.selection.nodes.length)
  const open = snapshot?.open
  const problems = open?.problems ?? []
  const errors = problems.filter((p) => p.severity === 'error').length
  const warnings = problems.filter((p) => p.severity === 'warning').length
  const infos = problems.length - errors - warnings
  const languages = open?.flow.languages ?? []
  const language = open?.flow.defaultLanguage ?? languages[0]
  return (
    <footer className="status-bar" aria-label="Status bar">
      {snapshot?.collab ? (
        <>
          <CollabStatusItem link={snapshot.collab} />
          <span className="status-item">
            <PresenceAvatars link={snapshot.collab} />
          </span>
        </>
      ) : (
        <span className={`status-item status-connection is-${connection}`} role="status" title={connectionText[connection]}>
          <Icon name="plug" size={14} />
          {connectionText[connection]}
        </span>
      )}
      {open && (
        <button type="button" className="status-item" title="Show the Problems panel" onClick={() => store.set({ panel: 'problems' })}>
          <Icon name="error" size={14} /> {errors}<span className="sr-only"> errors,</span>
          <Icon name="warning" size={14} /> {warnings}<span className="sr-only"> warnings{infos > 0 ? ',' : ''}</span>
          {infos > 0 && (
            <>
              <Icon name="info" size={14} /> {infos}<span className="sr-only"> notes</span>
            </>
          )}
        </button>
      )}
      <span className="status-spacer" />
      {snapshot && (
        <span className={`status-item status-save is-${snapshot.status}`} role="status" title={snapshot.error ?? (snapshot.collab ? (snapshot.status === 'saved' ? 'Every change is stored by the collaboration server' : 'Local changes the collaboration server has not acknowledged yet') : saveText[snapshot.status])}>
          {snapshot.broken ? 'Not a flow' : (snapshot.collab ? sharedText : saveText)[snapshot.status]}
        </span>
      )}
      {open && selected > 0 && <span className="status-item">{selected} selected</span>}
      {open && <span className="status-item">{open.flow.nodes.length} nodes</span>}
      {open && <span className="status-item" title="Flow version">v{String(open.flow.version ?? '–')}</span>}
      {open && language && (
        <span className="status-item" title={`Languages: ${languages.join(', ')}`}>
          {language.toUpperCase()}
          {languages.length > 1 && ` +${languages.length - 1}`}
        </span>
      )}
      {snapshot && <span className="status-item">{snapshot.broken ? 'Plain text' : 'Flow JSON'}</span>}
    </footer>
  )
}
