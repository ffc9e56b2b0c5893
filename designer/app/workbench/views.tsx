/**
 * The views other folders provide (canvas, inspector, code, problems, simulator, deploy), loaded
 * lazily from each folder's index.ts. A folder without one yet shows a labelled placeholder, and a
 * view that throws shows its error in place without taking the workbench down.
 */
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react'
import type { CanvasProps, CodeViewProps, DeployProps, InspectorProps, ProblemsProps, SimulatorProps } from '../contracts.ts'

type Loader = () => Promise<Record<string, unknown>>
const modules = import.meta.glob<Record<string, unknown>>(['../canvas/index.ts', '../inspector/index.ts', '../code/index.ts', '../problems/index.ts', '../simulator/index.ts', '../deploy/index.ts'])
const monacoSetup = import.meta.glob('../code/monaco-setup.ts')

export function Placeholder({ label, detail }: { label: string; detail?: string }) {
  return (
    <div className="view-placeholder" role="note">
      <strong>{label}</strong>
      <span>{detail ?? 'This view is not built yet.'}</span>
    </div>
  )
}

class ViewBoundary extends Component<{ label: string; children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {}
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  override render() {
    if (this.state.error) return <Placeholder label={`The ${this.props.label} stopped working`} detail={this.state.error.message} />
    return this.props.children
  }
}

function lazyView<P extends object>(folder: string, name: string, label: string, before?: Loader): ComponentType<P> {
  const load = modules[`../${folder}/index.ts`]
  if (!load) {
    const Missing = () => <Placeholder label={label} detail={`Coming soon: designer/app/${folder}/ has no index.ts yet.`} />
    return Missing
  }
  const View = lazy(async () => {
    if (before) await before()
    const found = (await load())[name] as ComponentType<P> | undefined
    return { default: found ?? (() => <Placeholder label={label} detail={`designer/app/${folder}/index.ts does not export ${name}.`} />) }
  })
  function LoadedView(props: P) {
    return (
      <ViewBoundary label={label}>
        <Suspense fallback={<div className="view-loading" aria-busy="true">Loading the {label}…</div>}>
          <View {...props} />
        </Suspense>
      </ViewBoundary>
    )
  }
  return LoadedView
}

export const FlowCanvas = lazyView<CanvasProps>('canvas', 'FlowCanvas', 'canvas')
export const Inspector = lazyView<InspectorProps>('inspector', 'Inspector', 'inspector')
export const CodeView = lazyView<CodeViewProps>('code', 'CodeView', 'code view', monacoSetup['../code/monaco-setup.ts'] as Loader | undefined)
export const ProblemsPanel = lazyView<ProblemsProps>('problems', 'ProblemsPanel', 'Problems panel')
export const Simulator = lazyView<SimulatorProps>('simulator', 'Simulator', 'simulator')
export const DeployView = lazyView<DeployProps>('deploy', 'DeployView', 'Deploy view')
