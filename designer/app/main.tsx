/** The designer's entry: the workbench on the workspace API, with the token the server put in the page; flows are shared live with the collaboration server. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createWorkspaceApi, pageToken } from './explorer/workspace-api.ts'
import { Workbench } from './workbench/workbench.tsx'
import { connectFlow, pageCollabUrl, pageIsViewer } from './collab/index.ts'
import { applyTheme } from './workbench/theme.ts'
import './workbench/workbench.css'

applyTheme()
const api = createWorkspaceApi(pageToken())
const collab = { url: pageCollabUrl(), token: pageToken(), readOnly: pageIsViewer() }
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Workbench api={api} collab={(path) => connectFlow(path, collab)} />
  </StrictMode>,
)
