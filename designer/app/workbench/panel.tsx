/** The bottom panel: Problems (the shared validator's results) and Output (what the workbench did). */
import { useEffect, useRef } from 'react'
import type { OpenFlow } from '../contracts.ts'
import { useStore } from '../state/store.ts'
import { workbenchActions, type PanelView } from '../state/workbench-state.ts'
import { useWorkbench } from './context.ts'
import { Icon } from './icons.tsx'
import { Placeholder, ProblemsPanel } from './views.tsx'

export function Panel({ open }: { open?: OpenFlow }) {
  const { store } = useWorkbench()
  const view = useStore(store, (s) => s.panel)
  const act = workbenchActions(store)
  const tabs: { id: PanelView; title: string }[] = [
    { id: 'problems', title: `Problems${open?.problems.length ? ` ${open.problems.length}` : ''}` },
    { id: 'output', title: 'Output' },
  ]
  return (
    <section className="panel" aria-label="Panel">
      <div className="panel-tabs">
        <div className="panel-tablist" role="tablist" aria-label="Panel views">
          {tabs.map((tab) => (
            <button key={tab.id} type="button" role="tab" id={`panel-tab-${tab.id}`} aria-selected={view === tab.id} className="panel-tab" onClick={() => store.set({ panel: tab.id })}>
              {tab.title.toUpperCase()}
            </button>
          ))}
        </div>
        <span className="panel-spacer" />
        <button type="button" className="icon-button" aria-label="Close panel" title="Close panel" onClick={() => store.set({ panel: null })}>
          <Icon name="close" />
        </button>
      </div>
      <div className="panel-body" role="tabpanel" aria-labelledby={`panel-tab-${view}`}>
        {view === 'output' ? (
          <Output />
        ) : open ? (
          <ProblemsPanel open={open} onRevealNode={act.revealNode} onRevealPointer={act.revealPointer} />
        ) : (
          <Placeholder label="No problems to show" detail="Open a flow to see what needs fixing." />
        )}
      </div>
    </section>
  )
}

function Output() {
  const { store } = useWorkbench()
  const lines = useStore(store, (s) => s.output)
  const end = useRef<HTMLDivElement>(null)
  useEffect(() => end.current?.scrollIntoView({ block: 'end' }), [lines])
  return (
    <div className="output" role="log" aria-label="Output" tabIndex={0}>
      {lines.length ? lines.map((line, i) => <div key={i}>{line}</div>) : <div className="muted">Nothing yet: saves, file changes and errors are reported here.</div>}
      <div ref={end} />
    </div>
  )
}
