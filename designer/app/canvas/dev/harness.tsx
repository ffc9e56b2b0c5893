/**
 * A development and test page for the canvas alone: loads a flow (?flow=/examples/x.flow.json, or
 * ?generate=N for an N-node chain) into a flow document and renders FlowCanvas full-screen.
 * window.harness exposes the document for browser tests.
 */
import { StrictMode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import * as Y from 'yjs'
import type { Flow } from '../../../../schemas/nodes/step.ts'
import { validateFlow } from '../../../../schemas/validate.ts'
import type { OpenFlow, Selection } from '../../contracts.ts'
import { createUndoManager } from '../../flow-doc/commands.ts'
import { createFlowDoc, readFlow } from '../../flow-doc/flow-doc.ts'
import { FlowCanvas } from '../index.ts'
import { generated } from './generate.ts'

declare global {
  interface Window {
    harness: { doc: Y.Doc; flow(): Flow; selection(): Selection; undo: Y.UndoManager; reveal(node: string): void; setActive(node?: string): void }
  }
}

function Harness({ doc }: { doc: Y.Doc }) {
  const [origin] = useState(() => ({ harness: true }))
  const [undo] = useState(() => createUndoManager(doc, origin))
  const read = (): OpenFlow => {
    const flow = readFlow(doc)
    return { path: 'harness.flow.json', doc, origin, undo, flow, problems: validateFlow(flow) }
  }
  const [open, setOpen] = useState(read)
  const [selection, setSelection] = useState<Selection>({ nodes: [] })
  const [reveal, setReveal] = useState<{ node: string; seq: number }>()
  const [activeNode, setActive] = useState<string>()
  useEffect(() => {
    const update = () => setOpen(read())
    doc.on('update', update)
    return () => doc.off('update', update)
  }, [doc])
  window.harness = { doc, flow: () => readFlow(doc), selection: () => selection, undo, reveal: (node) => setReveal((r) => ({ node, seq: (r?.seq ?? 0) + 1 })), setActive }
  return <FlowCanvas open={open} selection={selection} onSelect={setSelection} activeNode={activeNode} reveal={reveal} />
}

async function main() {
  const params = new URLSearchParams(location.search)
  const size = Number(params.get('generate'))
  const flow = size ? generated(size) : ((await (await fetch(params.get('flow') ?? '/examples/order-bot.flow.json')).json()) as Flow)
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Harness doc={createFlowDoc(flow)} />
    </StrictMode>,
  )
}

void main()
