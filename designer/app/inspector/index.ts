export { Inspector } from './inspector.tsx'
export { nodeFormSchema, flowFormSchema } from './form-schema.ts'
export { previewLines } from './channel-preview.ts'
