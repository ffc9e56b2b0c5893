/**
 * The same generated graph in bare React Flow with its default nodes: the baseline the issue 4
 * benchmark compares the canvas against (?generate=N).
 */
import '@xyflow/react/dist/style.css'
import { createRoot } from 'react-dom/client'
import { ReactFlow, ReactFlowProvider, type Edge, type Node } from '@xyflow/react'
import { generated } from './generate.ts'

const flow = generated(Number(new URLSearchParams(location.search).get('generate')) || 500)
const nodes: Node[] = flow.nodes.map((n) => ({ id: n.id, position: n.position!, data: { label: n.name } }))
const edges: Edge[] = flow.nodes.flatMap((n) => Object.entries(n.exits ?? {}).map(([exit, target]) => ({ id: `${n.id}>${exit}`, source: n.id, target: target! })))

createRoot(document.getElementById('root')!).render(
  <ReactFlowProvider>
    <div style={{ width: '100vw', height: '100vh' }}>
      <ReactFlow defaultNodes={nodes} defaultEdges={edges} fitView minZoom={0.1} />
    </div>
  </ReactFlowProvider>,
)
