export { ProblemsPanel } from './problems-panel.tsx'
