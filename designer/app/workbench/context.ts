/** What every part of the workbench reaches for: the state store, the workspace model, the actions. */
import { createContext, useContext } from 'react'
import type { Store } from '../state/store.ts'
import type { WorkbenchState } from '../state/workbench-state.ts'
import type { WorkspaceModel } from '../explorer/workspace-model.ts'
import type { Action } from './actions.ts'

export interface WorkbenchServices {
  store: Store<WorkbenchState>
  model: WorkspaceModel
  actions: Action[]
  run(id: string): void
}

export const WorkbenchContext = createContext<WorkbenchServices | null>(null)

export function useWorkbench(): WorkbenchServices {
  const services = useContext(WorkbenchContext)
  if (!services) throw new Error('useWorkbench outside <Workbench>')
  return services
}
