/**
 * The Explorer side view: the workspace's flow files. A click (or Enter) opens one in a tab; each
 * row offers rename (F2), duplicate and delete (Delete, with confirmation); "+" makes a new flow
 * from a template.
 */
import { useState, type KeyboardEvent } from 'react'
import { useStore } from '../state/store.ts'
import type { WorkspaceFile } from '../state/workbench-state.ts'
import { useWorkbench } from '../workbench/context.ts'
import { Icon } from '../workbench/icons.tsx'

export function Explorer() {
  const { store, model } = useWorkbench()
  const files = useStore(store, (s) => s.files)
  const active = useStore(store, (s) => s.active)
  const connection = useStore(store, (s) => s.connection)
  const [error, setError] = useState<string>()
  const flows = files.filter((f) => f.kind === 'flow')
  const tests = (flow: WorkspaceFile) => files.filter((f) => f.kind === 'transcript' && f.path.startsWith(flow.path.replace(/flow\.json$/, ''))).length
  const attempt = (work: Promise<unknown>) => work.then(() => setError(undefined), (e: Error) => setError(e.message))

  const onKeyDown = (file: WorkspaceFile) => (event: KeyboardEvent) => {
    if (event.key === 'F2') store.set({ dialog: { kind: 'rename', path: file.path } })
    else if (event.key === 'Delete') store.set({ dialog: { kind: 'delete', path: file.path } })
    else return
    event.preventDefault()
    event.stopPropagation()
  }

  return (
    <div className="side-view explorer">
      <header className="side-view-header">
        <h2>Explorer</h2>
        <div className="side-view-actions">
          <button type="button" className="icon-button" aria-label="New flow…" title="New flow… (Alt+N)" onClick={() => store.set({ dialog: { kind: 'new-flow' } })}>
            <Icon name="add" />
          </button>
          <button type="button" className="icon-button" aria-label="Refresh the file list" title="Refresh" onClick={() => void attempt(model.refresh())}>
            <Icon name="refresh" />
          </button>
        </div>
      </header>
      <h3 className="side-section">Flows</h3>
      {error && <p className="error-text" role="alert">{error}</p>}
      <ul className="file-list" aria-label="Flow files">
        {flows.map((file) => (
          <li key={file.path} className={`file-row${file.path === active ? ' is-active' : ''}`}>
            <button type="button" className="file-open" aria-current={file.path === active ? 'page' : undefined} title={file.name ? `${file.name} — ${file.path}` : file.path} onClick={() => void attempt(model.open(file.path))} onKeyDown={onKeyDown(file)}>
              <Icon name="flow" size={14} />
              <span className="file-name">{file.path}</span>
              {file.name && <span className="file-detail">{file.name}</span>}
              {tests(file) > 0 && <span className="file-badge" title={`${tests(file)} conversation tests`}>{tests(file)}</span>}
            </button>
            <span className="file-actions">
              <button type="button" className="icon-button" aria-label={`Rename ${file.path}`} title="Rename (F2)" onClick={() => store.set({ dialog: { kind: 'rename', path: file.path } })}>
                <Icon name="edit" size={14} />
              </button>
              <button type="button" className="icon-button" aria-label={`Duplicate ${file.path}`} title="Duplicate" onClick={() => void attempt(model.duplicate(file.path))}>
                <Icon name="copy" size={14} />
              </button>
              <button type="button" className="icon-button" aria-label={`Delete ${file.path}`} title="Delete (Delete)" onClick={() => store.set({ dialog: { kind: 'delete', path: file.path } })}>
                <Icon name="trash" size={14} />
              </button>
            </span>
          </li>
        ))}
      </ul>
      {!flows.length && <p className="muted side-note">{connection === 'offline' ? 'The workspace cannot be reached.' : 'No flows yet. Make one with +.'}</p>}
    </div>
  )
}
