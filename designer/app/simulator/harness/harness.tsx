/**
 * A development page for the simulator and the deploy view before (and beside) the workbench:
 * the flow file at ?src= (a /@fs/ URL) in a Yjs document, so the simulator sees every edit made
 * through the real commands (window.__edit(node, patch)); ?view=deploy shows the deploy view. Saved transcripts
 * land in window.__saved. Served by test/e2e/simulator-harness.ts.
 */
import { StrictMode, useEffect, useMemo, useState } from 'react'
import { createRoot } from 'react-dom/client'
import type { Flow } from '../../../../schemas/nodes/step.ts'
import type { OpenFlow } from '../../contracts.ts'
import { createUndoManager, updateNode } from '../../flow-doc/commands.ts'
import { createFlowDoc, readFlow } from '../../flow-doc/flow-doc.ts'
import { DeployView } from '../../deploy/index.ts'
import { Simulator } from '../index.ts'

const params = new URLSearchParams(location.search)
const src = params.get('src') ?? ''
const name = src.split('/').pop()?.replace(/\.flow\.json$/, '') || 'flow'
const saved: { name: string; transcript: unknown }[] = ((window as unknown as { __saved: unknown[] }).__saved = [])

function Harness({ flow }: { flow: Flow }) {
  const origin = useMemo(() => ({}), [])
  const doc = useMemo(() => createFlowDoc(flow), [flow])
  const undo = useMemo(() => createUndoManager(doc, origin), [doc, origin])
  const [current, setCurrent] = useState(() => readFlow(doc))
  const [active, setActive] = useState<string>()
  useEffect(() => {
    const update = () => setCurrent(readFlow(doc))
    doc.on('update', update)
    return () => doc.off('update', update)
  }, [doc])
  const open: OpenFlow = { path: `${name}.flow.json`, doc, origin, undo, flow: current, problems: [] }
  ;(window as unknown as { __edit: unknown }).__edit = (node: string, patch: Record<string, unknown>) => updateNode(doc, node, patch, origin)
  if (params.get('view') === 'deploy') return <DeployView open={open} />
  return (
    <>
      <p data-testid="active-node" style={{ margin: 0, padding: '4px 8px', font: '12px system-ui', background: '#eee' }}>
        Canvas would light: <strong>{active ?? '(none)'}</strong>
      </p>
      <Simulator open={open} onActiveNode={setActive} onSaveTranscript={async (n, transcript) => void saved.push({ name: n, transcript })} />
    </>
  )
}

const flow = (await (await fetch(src)).json()) as Flow
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Harness flow={flow} />
  </StrictMode>,
)
