/** The designer's entry: the workbench on the workspace API, with the token the server put in the page. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createWorkspaceApi, pageToken } from './explorer/workspace-api.ts'
import { Workbench } from './workbench/workbench.tsx'
import { applyTheme } from './workbench/theme.ts'
import './workbench/workbench.css'

applyTheme()
const api = createWorkspaceApi(pageToken())
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Workbench api={api} />
  </StrictMode>,
)
