/**
 * Monaco, bundled and tree-shaken (0.56+ entries: the editor, its features, and only the JSON
 * language): @monaco-editor/react is told to use this copy (so its loader never fetches the
 * AMD build from a CDN), workers come from Vite `?worker` imports (editor and JSON only), and the JSON
 * language knows every Switchboard schema inlined under its own URI, with schema requests off, so
 * diagnostics and completions work offline. Imported by the code view before any <Editor> mounts.
 */
import * as monaco from 'monaco-editor/editor'
import 'monaco-editor/features/register.all'
import { jsonDefaults } from 'monaco-editor/languages/features/json/register'
import { loader } from '@monaco-editor/react'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker'
import { nodeTypes } from '../../../schemas/nodes/index.ts'
import flowSchema from '../../../schemas/flow.schema.json' with { type: 'json' }
import nodeSchema from '../../../schemas/node.schema.json' with { type: 'json' }
import commonSchema from '../../../schemas/common.schema.json' with { type: 'json' }
import triggerSchema from '../../../schemas/trigger.schema.json' with { type: 'json' }

/** Where the schemas live for Monaco; relative $refs resolve against these like files on disk. */
export const schemaBase = 'inmemory://switchboard/schemas/'
/** Where flow models live: a flow's own "$schema": "../schemas/flow.schema.json" (as in examples/) resolves to schemaBase. */
export const flowBase = 'inmemory://switchboard/flows/'

;(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
}

/** Every schema file under its URI; $id is dropped so the URI alone names it. */
export function monacoSchemas(fileMatch: string[]) {
  const files: [string, Record<string, unknown>][] = [
    ['flow.schema.json', flowSchema],
    ['node.schema.json', nodeSchema],
    ['common.schema.json', commonSchema],
    ['trigger.schema.json', triggerSchema],
    ...Object.values(nodeTypes).map((t): [string, Record<string, unknown>] => [String(t.schema.$id), t.schema]),
  ]
  return files.map(([path, schema]) => {
    const { $id: _id, ...rest } = schema
    return { uri: schemaBase + path, schema: rest, ...(path === 'flow.schema.json' && { fileMatch }) }
  })
}

jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  enableSchemaRequest: false,
  schemaValidation: 'warning',
  schemas: monacoSchemas(['*.flow.json']),
})

loader.config({ monaco })

export { monaco }
