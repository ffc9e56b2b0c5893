/**
 * The VS Code-style workbench: activity bar, side bar, editor tabs (canvas | JSON), inspector,
 * bottom panel, status bar, command palette. It composes the views of the other folders; each gets
 * the open flow and the shared selection as contracts.ts defines, nothing more.
 */
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react'
import { createWorkspaceModel, type WorkspaceModel } from '../explorer/workspace-model.ts'
import type { WorkspaceApi } from '../explorer/workspace-api.ts'
import { Explorer } from '../explorer/explorer.tsx'
import { Dialogs } from '../explorer/dialogs.tsx'
import { usePaneSize } from '../state/layout.ts'
import { useStore, useSubscribable, type Store } from '../state/store.ts'
import { createWorkbenchStore, workbenchActions, type WorkbenchState } from '../state/workbench-state.ts'
import { createActions } from './actions.ts'
import { ActivityBar } from './activity-bar.tsx'
import { CommandPalette, FindNode } from './command-palette.tsx'
import { WorkbenchContext, type WorkbenchServices } from './context.ts'
import { editCommands } from './edit-commands.ts'
import { EditorArea } from './editor-area.tsx'
import { useKeyboard } from './keyboard.ts'
import { Panel } from './panel.tsx'
import { Sash } from './sash.tsx'
import { StatusBar } from './status-bar.tsx'
import { applyTheme } from './theme.ts'
import { DeployView, Inspector, Placeholder, ProblemsPanel, Simulator } from './views.tsx'
import { CommentsPanel, NameDialog, PresenceAvatars, useCollabSync, useOpenThreads, type CollabLink } from '../collab/index.ts'

export interface WorkbenchProps {
  api: WorkspaceApi
  /** For tests: a prepared store and model. */
  store?: Store<WorkbenchState>
  model?: WorkspaceModel
  /** Shares each opened flow live (collab/connection.ts); without it flows are saved with PUT. */
  collab?: (path: string) => CollabLink
}

export function Workbench({ api, collab, ...given }: WorkbenchProps) {
  const services = useMemo<WorkbenchServices & { hasFlow(): boolean }>(() => {
    const store = given.store ?? createWorkbenchStore()
    const model = given.model ?? createWorkspaceModel(api, store, { collab })
    const current = () => model.session(store.get().active)?.getSnapshot().open
    const actions = createActions({ store, model, edit: editCommands(current, store), current })
    const run = (id: string) => void actions.find((a) => a.id === id)?.run()
    return { store, model, actions, run, hasFlow: () => !!current() }
  }, [api]) // eslint-disable-line react-hooks/exhaustive-deps
  const { store, model } = services
  const act = workbenchActions(store)

  useEffect(() => {
    applyTheme()
    model.refresh().catch((error: Error) => act.log(`Cannot list the workspace: ${error.message}`))
    return model.watch()
  }, [model]) // eslint-disable-line react-hooks/exhaustive-deps
  useKeyboard(services.actions, store, services.hasFlow)

  const active = useStore(store, (s) => s.active)
  const session = useSyncExternalStore(model.subscribe, () => model.session(active))
  const snapshot = useSubscribable(session)
  const open = snapshot?.open
  const link = snapshot?.collab
  useCollabSync(link, store)
  const openThreads = useOpenThreads(link)
  const sideView = useStore(store, (s) => s.sideView)
  const panel = useStore(store, (s) => s.panel)
  const inspector = useStore(store, (s) => s.inspector)
  const selection = useStore(store, (s) => s.selection)
  const palette = useStore(store, (s) => s.palette)
  const findNode = useStore(store, (s) => s.findNode)
  const dialog = useStore(store, (s) => s.dialog)
  const [sideWidth, setSideWidth] = usePaneSize('sidebar', 260, 170, 640)
  const [inspectorWidth, setInspectorWidth] = usePaneSize('inspector', 340, 240, 760)
  const [panelHeight, setPanelHeight] = usePaneSize('panel', 200, 80, 700)

  const onActiveNode = useCallback((node: string | undefined) => store.set({ activeNode: node }), [store])
  const onSaveTranscript = useCallback(
    async (name: string, transcript: unknown) => {
      const folder = active?.includes('/') ? active.replace(/[^/]*$/, '') : ''
      const path = `${folder}${name.replace(/\.transcript\.json$/, '')}.transcript.json`
      await api.write(path, `${JSON.stringify(transcript, null, 2)}\n`)
      act.log(`Saved the conversation as ${path}.`)
      await model.refresh()
    },
    [api, active, model], // eslint-disable-line react-hooks/exhaustive-deps
  )

  const noFlow = <Placeholder label="No flow open" detail="Open a flow from the Explorer first." />
  const sideViews = {
    explorer: <Explorer />,
    problems: open ? <ProblemsPanel open={open} onRevealNode={act.revealNode} onRevealPointer={act.revealPointer} /> : noFlow,
    simulator: open ? <Simulator open={open} onActiveNode={onActiveNode} onSaveTranscript={onSaveTranscript} /> : noFlow,
    deploy: open ? <DeployView open={open} /> : noFlow,
    comments: open && link ? <CommentsPanel link={link} nodes={open.flow.nodes} selection={selection.nodes} onRevealNode={act.revealNode} /> : <Placeholder label="No shared flow open" detail="Comments live beside a flow shared with the collaboration server." />,
  }
  const sideTitles = { explorer: 'Explorer', problems: 'Problems', simulator: 'Simulator', deploy: 'Deploy', comments: 'Comments' }

  return (
    <WorkbenchContext.Provider value={services}>
      <div className="workbench">
        {link && (
          <header className="title-bar" aria-label="Title bar">
            <span className="title-bar-name">{open?.flow.name ?? snapshot?.path}</span>
            <span className="title-bar-path">{snapshot?.path}</span>
            {link.readOnly && <span className="title-bar-badge">Read-only</span>}
            <span className="title-bar-spacer" />
            <PresenceAvatars link={link} withNames />
          </header>
        )}
        <div className="workbench-main">
          <ActivityBar problemCount={open?.problems.filter((p) => p.severity !== 'info').length ?? 0} commentCount={openThreads} />
          {sideView && (
            <>
              <aside className="sidebar" style={{ width: sideWidth }} aria-label={sideTitles[sideView]}>
                {sideView !== 'explorer' && (
                  <header className="side-view-header">
                    <h2>{sideTitles[sideView]}</h2>
                  </header>
                )}
                <div className="sidebar-body">{sideViews[sideView]}</div>
              </aside>
              <Sash orientation="vertical" side="before" size={sideWidth} onSize={setSideWidth} min={170} max={640} label="Resize the side bar" />
            </>
          )}
          <main className="center">
            <EditorArea session={session} snapshot={snapshot} />
            {panel && (
              <>
                <Sash orientation="horizontal" side="after" size={panelHeight} onSize={setPanelHeight} min={80} max={700} label="Resize the panel" />
                <div className="panel-host" style={{ height: panelHeight }}>
                  <Panel open={open} />
                </div>
              </>
            )}
          </main>
          {inspector && open && (
            <>
              <Sash orientation="vertical" side="after" size={inspectorWidth} onSize={setInspectorWidth} min={240} max={760} label="Resize the inspector" />
              <aside className="inspector-pane" style={{ width: inspectorWidth }} aria-label="Inspector">
                <header className="side-view-header">
                  <h2>Inspector</h2>
                </header>
                <fieldset className="sidebar-body inspector-fieldset" disabled={open.readOnly} aria-label={open.readOnly ? 'Inspector (read-only)' : undefined}>
                  <Inspector open={open} selection={selection} />
                </fieldset>
              </aside>
            </>
          )}
        </div>
        <StatusBar snapshot={snapshot} />
        {palette && <CommandPalette open={open} />}
        {findNode && open && <FindNode open={open} />}
        <Dialogs dialog={dialog} />
        {link && <NameDialog />}
      </div>
    </WorkbenchContext.Provider>
  )
}
