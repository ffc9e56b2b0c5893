/**
 * The editor group: a tab per open flow (• while unsaved), and under it the canvas with the JSON
 * code view beside it when toggled on; a file that is not a flow shows as plain text instead.
 */
import type { FlowSession, SessionSnapshot } from '../explorer/flow-session.ts'
import { usePaneSize } from '../state/layout.ts'
import { useStore, useSubscribable } from '../state/store.ts'
import { useWorkbench } from './context.ts'
import { BrokenFileView } from './broken-file-view.tsx'
import { Icon } from './icons.tsx'
import { formatShortcut } from './keys.ts'
import { Sash } from './sash.tsx'
import { CodeView, FlowCanvas } from './views.tsx'
import { Welcome } from './welcome.tsx'

const fileName = (path: string) => path.split('/').pop() ?? path

function Tab({ path, active }: { path: string; active: boolean }) {
  const { store, model } = useWorkbench()
  const snapshot = useSubscribable(model.session(path))
  const dirty = snapshot && snapshot.status !== 'saved'
  return (
    <div className={`tab${active ? ' is-active' : ''}${dirty ? ' is-dirty' : ''}`} role="presentation" title={path}>
      <button type="button" role="tab" aria-selected={active} className="tab-label" onClick={() => store.set({ active: path, selection: active ? store.get().selection : { nodes: [] } })} onAuxClick={(event) => event.button === 1 && void model.close(path)}>
        <Icon name="flow" size={14} />
        {fileName(path)}
        {dirty && <span className="sr-only"> (unsaved)</span>}
      </button>
      {/* A tab list may hold only tabs: the close button is for the mouse, Alt+W closes the tab from the keyboard. */}
      <button type="button" className="tab-close" tabIndex={-1} aria-hidden="true" title={dirty ? 'Unsaved changes (saving…); close (Alt+W)' : 'Close (Alt+W)'} onClick={() => void model.close(path)}>
        <span className="tab-dirty" aria-hidden="true">●</span>
        <Icon name="close" size={14} />
      </button>
    </div>
  )
}

export function EditorArea({ session, snapshot }: { session?: FlowSession; snapshot?: SessionSnapshot }) {
  const { store, run } = useWorkbench()
  const tabs = useStore(store, (s) => s.tabs)
  const active = useStore(store, (s) => s.active)
  const codeView = useStore(store, (s) => s.codeView)
  const selection = useStore(store, (s) => s.selection)
  const revealNode = useStore(store, (s) => s.revealNode)
  const revealPointer = useStore(store, (s) => s.revealPointer)
  const activeNode = useStore(store, (s) => s.activeNode)
  const inspector = useStore(store, (s) => s.inspector)
  const [codeWidth, setCodeWidth] = usePaneSize('code', 400, 240, 1400)
  const open = snapshot?.open
  return (
    <section className="editor-group" aria-label="Editor">
      {tabs.length > 0 && (
        <div className="tab-bar">
          <div className="tabs" role="tablist" aria-label="Open flows">
            {tabs.map((path) => (
              <Tab key={path} path={path} active={path === active} />
            ))}
          </div>
          <div className="editor-actions">
            <button type="button" className="icon-button" aria-pressed={codeView} aria-label="Toggle JSON code view" title={`Toggle JSON code view (${formatShortcut('Mod+\\')})`} onClick={() => run('view.code')}>
              <Icon name="json" />
            </button>
            <button type="button" className="icon-button" aria-pressed={inspector} aria-label="Toggle inspector" title={`Toggle inspector (${formatShortcut('Mod+Alt+B')})`} onClick={() => run('view.inspector')}>
              <Icon name="inspector" />
            </button>
          </div>
        </div>
      )}
      <div className="editor-body">
        {!session || !snapshot ? (
          <Welcome />
        ) : snapshot.broken || !open ? (
          <BrokenFileView session={session} snapshot={snapshot} />
        ) : (
          <>
            <div className={`editor-pane canvas-pane${open.readOnly ? ' is-read-only' : ''}`} aria-label="Canvas">
              <FlowCanvas key={snapshot.path} open={open} selection={selection} onSelect={(next) => store.set({ selection: next })} activeNode={activeNode} reveal={revealNode} />
            </div>
            {codeView && (
              <>
                <Sash orientation="vertical" side="after" size={codeWidth} onSize={setCodeWidth} min={240} max={1400} label="Resize the code view" />
                <div className="editor-pane code-pane" style={{ width: codeWidth }} aria-label="JSON code view">
                  <CodeView key={snapshot.path} open={open} reveal={revealPointer} />
                </div>
              </>
            )}
          </>
        )}
      </div>
    </section>
  )
}
