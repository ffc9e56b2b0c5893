/**
 * The code view: the flow's JSON in Monaco, a projection of the one flow document (never a second
 * copy). The document's text is formatFlow(readFlow(doc)); a document change rewrites the text by a
 * minimal edit unless the user is mid-edit; a user edit is debounced, parsed and validated, and
 * applied with applyFlow as one transaction, or shown as "Not applied: …" without touching the document.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import { Editor } from '@monaco-editor/react'
import type { CodeViewProps } from '../contracts.ts'
import { formatFlow } from '../../../schemas/format.ts'
import { validateText } from '../../../schemas/validate.ts'
import type { Problem } from '../../../schemas/validate.ts'
import { applyFlow, readFlow } from '../flow-doc/flow-doc.ts'
import { flowBase, monaco } from './monaco-setup.ts'
import { minimalEdit, pointerRange } from './json-positions.ts'
import { problemMarkers } from './markers.ts'
import './code-view.css'

type CodeEditor = monaco.editor.IStandaloneCodeEditor
const debounceMs = 300
const severities = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info }

/** The model path: its name must end in .flow.json, the pattern our schema is registered for. */
export const modelPath = (path: string) => `${flowBase}${path.endsWith('.flow.json') ? path : `${path}.flow.json`}`

const sameFlow = (text: string, docText: string) => {
  try {
    return formatFlow(JSON.parse(text)) === docText
  } catch {
    return false
  }
}

function setMarkers(editor: CodeEditor, problems: readonly Problem[]) {
  const model = editor.getModel()
  if (!model) return
  const markers = problemMarkers(model.getValue(), problems).map((m) => ({ ...m, severity: severities[m.severity] }))
  monaco.editor.setModelMarkers(model, 'switchboard', markers)
}

export default function CodeView({ open, reveal }: CodeViewProps) {
  const editorRef = useRef<CodeEditor | undefined>(undefined)
  const openRef = useRef(open)
  openRef.current = open
  const state = useRef({ applying: false, focused: false, pending: false, banner: false, timer: undefined as ReturnType<typeof setTimeout> | undefined })
  const [banner, setBannerState] = useState<string>()
  const [ready, setReady] = useState(false)
  const docText = useMemo(() => formatFlow(open.flow), [open.flow])
  const docTextRef = useRef(docText)
  docTextRef.current = docText

  const setBanner = (text: string | undefined) => {
    state.current.banner = !!text
    setBannerState(text)
  }

  const replaceText = (next: string) => {
    const editor = editorRef.current
    const model = editor?.getModel()
    if (!editor || !model) return
    const edit = minimalEdit(model.getValue(), next)
    if (!edit) return
    const start = model.getPositionAt(edit.start)
    const end = model.getPositionAt(edit.end)
    state.current.applying = true
    try {
      editor.executeEdits('switchboard-document', [{ range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), text: edit.text }])
      editor.pushUndoStop()
    } finally {
      state.current.applying = false
    }
  }

  /** Brings the text to the document's, unless the user is typing or holds text that is not applied. */
  const syncFromDoc = (force: boolean) => {
    const editor = editorRef.current
    const model = editor?.getModel()
    if (!editor || !model) return
    const text = model.getValue()
    const target = docTextRef.current
    const s = state.current
    if (text !== target) {
      if (!force && s.focused && (s.pending || s.banner || sameFlow(text, target))) return
      if (force && (s.pending || s.banner)) return
      replaceText(target)
    }
    setMarkers(editor, openRef.current.problems)
  }

  const applyText = () => {
    const editor = editorRef.current
    const model = editor?.getModel()
    state.current.pending = false
    if (!editor || !model) return
    const text = model.getValue()
    const { doc, origin } = openRef.current
    if (sameFlow(text, formatFlow(readFlow(doc)))) {
      setBanner(undefined)
      setMarkers(editor, openRef.current.problems)
      return
    }
    const result = validateText(text)
    setMarkers(editor, result.problems)
    const blocking = result.problems.filter((p) => p.source !== 'lint')
    if (blocking.length || !result.flow) {
      const more = blocking.length > 1 ? ` (and ${blocking.length - 1} more)` : ''
      setBanner(`Not applied: ${blocking[0]?.message ?? 'the flow is not valid'}${more}`)
      return
    }
    setBanner(undefined)
    applyFlow(doc, result.flow, origin)
  }

  useEffect(() => syncFromDoc(false), [docText, open.problems, ready])

  useEffect(() => {
    const editor = editorRef.current
    const model = editor?.getModel()
    if (!reveal || !editor || !model) return
    const range = pointerRange(model.getValue(), reveal.pointer)
    const selection = new monaco.Selection(range.startLineNumber, range.startColumn, range.endLineNumber, range.endColumn)
    editor.setSelection(selection)
    editor.revealRangeInCenter(selection)
  }, [reveal?.seq, ready])

  useEffect(() => () => clearTimeout(state.current.timer), [])

  const onMount = (editor: CodeEditor) => {
    editorRef.current = editor
    const s = state.current
    editor.onDidChangeModelContent(() => {
      if (s.applying) return
      s.pending = true
      clearTimeout(s.timer)
      s.timer = setTimeout(applyText, debounceMs)
    })
    editor.onDidFocusEditorText(() => (s.focused = true))
    editor.onDidBlurEditorText(() => {
      s.focused = false
      syncFromDoc(true)
    })
    // browser tests (the dev harness sets the flag) read the editor and its markers
    if ((globalThis as { __sbExposeEditor?: boolean }).__sbExposeEditor) Object.assign(globalThis, { __sbCodeEditor: editor, __sbMonaco: monaco })
    setReady(true)
  }

  const revert = () => {
    clearTimeout(state.current.timer)
    state.current.pending = false
    setBanner(undefined)
    replaceText(docTextRef.current)
    if (editorRef.current) setMarkers(editorRef.current, openRef.current.problems)
  }

  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
  return (
    <div className="sb-code-view" role="region" aria-label={`JSON of ${open.path}`}>
      {banner && (
        <div className="sb-code-banner" role="alert">
          <span>{banner}</span>
          <button type="button" onClick={revert}>Revert to the canvas version</button>
        </div>
      )}
      <div className="sb-code-editor">
        <Editor path={modelPath(open.path)} defaultLanguage="json" defaultValue={docText} theme={dark ? 'vs-dark' : 'vs'} onMount={onMount}
          options={{
            minimap: { enabled: false }, fontSize: 13, tabSize: 2, automaticLayout: true, scrollBeyondLastLine: false, wordWrap: 'on', fixedOverflowWidgets: true,
            // A viewer reads along live; typing would only build text that can never be applied.
            readOnly: !!open.readOnly, readOnlyMessage: { value: 'You are viewing this flow; ask for an editor link to change it.' },
            ariaLabel: `Flow JSON ${open.path}${open.readOnly ? ' (read-only)' : ''}`,
          }} />
      </div>
    </div>
  )
}
