/** The Explorer's questions: a new flow's name and template, a file's new name, and "delete this file?". */
import { useState, type FormEvent, type ReactNode } from 'react'
import { useStore } from '../state/store.ts'
import type { Dialog } from '../state/workbench-state.ts'
import { useWorkbench } from '../workbench/context.ts'
import { flowFileName } from './workspace-model.ts'

function Modal({ title, onClose, onSubmit, children, submit, danger, error }: { title: string; onClose(): void; onSubmit(): Promise<unknown>; children: ReactNode; submit: string; danger?: boolean; error?: string }) {
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string>()
  const send = (event: FormEvent) => {
    event.preventDefault()
    if (error) return
    setBusy(true)
    onSubmit().then(onClose, (e: Error) => (setBusy(false), setFailure(e.message)))
  }
  return (
    <div className="modal-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <form className="modal" role="dialog" aria-modal="true" aria-label={title} onSubmit={send} onKeyDown={(event) => event.key === 'Escape' && (event.preventDefault(), onClose())}>
        <h2>{title}</h2>
        {children}
        {(failure || error) && <p className="error-text" role="alert">{failure ?? error}</p>}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={`button ${danger ? 'danger' : 'primary'}`} disabled={busy || !!error}>
            {submit}
          </button>
        </div>
      </form>
    </div>
  )
}

function NewFlow({ close }: { close(): void }) {
  const { store, model } = useWorkbench()
  const templates = useStore(store, (s) => s.templates)
  const files = useStore(store, (s) => s.files)
  const [name, setName] = useState('')
  const [template, setTemplate] = useState(templates[0]?.id ?? 'blank')
  const path = flowFileName(name)
  const error = name.trim() && files.some((f) => f.path === path) ? `${path} already exists.` : undefined
  return (
    <Modal title="New flow" submit="Create" onClose={close} error={error} onSubmit={() => (name.trim() ? model.create(name, template) : Promise.reject(new Error('Give the flow a name.')))}>
      <label className="field">
        <span>Name</span>
        <input autoFocus value={name} placeholder="Order bot" onChange={(event) => setName(event.target.value)} />
        <small className="muted">File: {path}</small>
      </label>
      <fieldset className="field">
        <legend>Start from</legend>
        {templates.map((t) => (
          <label key={t.id} className="radio">
            <input type="radio" name="template" value={t.id} checked={template === t.id} onChange={() => setTemplate(t.id)} />
            {t.title}
          </label>
        ))}
      </fieldset>
    </Modal>
  )
}

function Rename({ path, close }: { path: string; close(): void }) {
  const { model, store } = useWorkbench()
  const [name, setName] = useState(path.replace(/\.flow\.json$/, ''))
  const target = name.endsWith('.json') ? name : `${name.trim()}.flow.json`
  const taken = target !== path && store.get().files.some((f) => f.path === target)
  return (
    <Modal title={`Rename ${path}`} submit="Rename" onClose={close} error={taken ? `${target} already exists.` : undefined} onSubmit={() => model.rename(path, target)}>
      <label className="field">
        <span>New name</span>
        <input autoFocus value={name} onFocus={(event) => event.target.select()} onChange={(event) => setName(event.target.value)} />
        <small className="muted">File: {target}</small>
      </label>
    </Modal>
  )
}

function Delete({ path, close }: { path: string; close(): void }) {
  const { model } = useWorkbench()
  return (
    <Modal title={`Delete ${path}?`} submit="Delete" danger onClose={close} onSubmit={() => model.remove(path)}>
      <p>The file is removed from the workspace. This cannot be undone here (git can bring it back).</p>
    </Modal>
  )
}

export function Dialogs({ dialog }: { dialog?: Dialog }) {
  const { store } = useWorkbench()
  const close = () => store.set({ dialog: undefined })
  if (!dialog) return null
  if (dialog.kind === 'new-flow') return <NewFlow close={close} />
  if (dialog.kind === 'rename') return <Rename key={dialog.path} path={dialog.path} close={close} />
  return <Delete key={dialog.path} path={dialog.path} close={close} />
}
