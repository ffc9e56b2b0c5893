/**
 * A flow file that does not read as a flow (not JSON, or no nodes list) opens here as plain text,
 * with the reason, instead of on the canvas: it can be repaired and saved, and then opens as a flow.
 */
import { useEffect, useState } from 'react'
import type { FlowSession, SessionSnapshot } from '../explorer/flow-session.ts'

export function BrokenFileView({ session, snapshot }: { session: FlowSession; snapshot: SessionSnapshot }) {
  const broken = snapshot.broken!
  const [text, setText] = useState(broken.text)
  useEffect(() => setText(broken.text), [broken.text])
  const changed = text !== broken.text
  return (
    <div className="broken-file">
      <div className="broken-file-message" role="alert">
        <strong>This file cannot be drawn.</strong> {broken.error}
      </div>
      <textarea className="broken-file-text" aria-label={`Text of ${snapshot.path}`} spellCheck={false} value={text} onChange={(event) => setText(event.target.value)} onKeyDown={(event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
          event.preventDefault()
          void session.writeText(text)
        }
      }} />
      <div className="broken-file-actions">
        <button type="button" className="button primary" disabled={!changed} onClick={() => void session.writeText(text)}>
          Save
        </button>
        <button type="button" className="button" disabled={!changed} onClick={() => setText(broken.text)}>
          Revert
        </button>
        {snapshot.error && <span className="error-text">{snapshot.error}</span>}
      </div>
    </div>
  )
}
