/**
 * A dev page for the inspector, the code view and the problems panel before the workbench exists:
 * one example flow (examples/<name>.flow.json, ?flow=<name>) in one Y.Doc, a node list standing in for
 * the canvas. Serve it with Vite rooted at the repository: /designer/app/code/dev/harness.html.
 * Exposes window.harness for the browser tests.
 */
import { StrictMode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import type { OpenFlow, Selection } from '../../contracts.ts'
import type { Flow } from '../../../../schemas/nodes/step.ts'
import { validateFlow } from '../../../../schemas/validate.ts'
import { createFlowDoc, readFlow } from '../../flow-doc/flow-doc.ts'
import { createUndoManager, setMeta } from '../../flow-doc/commands.ts'
import { formatFlow } from '../../../../schemas/format.ts'
import { Inspector } from '../../inspector/index.ts'
import { ProblemsPanel } from '../../problems/index.ts'
import { CodeView } from '../index.ts'

const params = new URLSearchParams(location.search)
const name = params.get('flow') ?? 'order-bot'
// served with the repository as Vite's root, as the canvas harness is
const doc = createFlowDoc((await (await fetch(`/examples/${name}.flow.json`)).json()) as Flow)
const origin = { user: 'harness' }
const undo = createUndoManager(doc, origin)
;(globalThis as { __sbExposeEditor?: boolean }).__sbExposeEditor = true

function snapshot(): OpenFlow {
  const flow = readFlow(doc)
  return { path: `${name}.flow.json`, doc, origin, undo, flow, problems: validateFlow(flow) }
}

function Harness() {
  const [open, setOpen] = useState(snapshot)
  const [selection, setSelection] = useState<Selection>({ nodes: params.get('node') ? [params.get('node')!] : [] })
  const [reveal, setReveal] = useState<{ pointer: string; seq: number }>()
  useEffect(() => {
    const update = () => setOpen(snapshot())
    doc.on('afterTransaction', update)
    Object.assign(globalThis, {
      harness: {
        doc,
        flow: () => readFlow(doc),
        docText: () => formatFlow(readFlow(doc)),
        setMeta: (key: string, value: unknown) => setMeta(doc, key, value, { user: 'someone else' }),
        select: (nodes: string[]) => setSelection({ nodes }),
        reveal: (pointer: string) => setReveal((r) => ({ pointer, seq: (r?.seq ?? 0) + 1 })),
        undo: () => undo.undo(),
        editorText: () => (globalThis as { __sbCodeEditor?: { getValue(): string } }).__sbCodeEditor?.getValue(),
      },
    })
    return () => doc.off('afterTransaction', update)
  }, [])
  return (
    <div className="h-grid">
      <nav className="h-nodes" aria-label="Nodes">
        <button type="button" aria-pressed={selection.nodes.length === 0} onClick={() => setSelection({ nodes: [] })}>(flow settings)</button>
        {open.flow.nodes.map((n) => (
          <button key={n.id} type="button" data-node={n.id} aria-pressed={selection.nodes[0] === n.id} onClick={() => setSelection({ nodes: [n.id] })}>{n.name ?? n.id}</button>
        ))}
      </nav>
      <div className="h-inspector"><Inspector open={open} selection={selection} /></div>
      <div className="h-code"><CodeView open={open} reveal={reveal} /></div>
      <div className="h-problems">
        <ProblemsPanel open={open} onRevealNode={(id) => setSelection({ nodes: [id] })} onRevealPointer={(pointer) => setReveal((r) => ({ pointer, seq: (r?.seq ?? 0) + 1 }))} />
      </div>
    </div>
  )
}

createRoot(document.getElementById('root')!).render(<StrictMode><Harness /></StrictMode>)
