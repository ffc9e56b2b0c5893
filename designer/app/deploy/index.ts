export { DeployView } from './deploy-view.tsx'
export { deployFlow, listVersions, rollBack, RuntimeApiError, type FlowVersion, type RuntimeSettings, type DeployResult, type RemoteProblem } from './runtime-api.ts'
export { defaultSettings, loadSettings, saveSettings } from './settings.ts'
