export { Workbench, type WorkbenchProps } from './workbench.tsx'
