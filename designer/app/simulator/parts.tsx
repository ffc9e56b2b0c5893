/** Pieces the three faces share: the message composer, media placeholders and the list sheet. */
import { useEffect, useRef, useState, type FormEvent } from 'react'

import type { PreviewTurn } from '../../../runtime/channels/preview.ts'
import { optionAt, type Entry, type Simulation, type SimulationState } from './driver.ts'

export interface FaceProps {
  simulation: Simulation
  state: SimulationState
}

/** The bot entry whose buttons still answer: the last one with options while the conversation waits for a reply. */
export function liveEntryId(state: SimulationState): number | undefined {
  if (state.session.status !== 'waiting' || state.session.wait?.kind !== 'reply') return undefined
  for (let i = state.entries.length - 1; i >= 0; i--) {
    const entry = state.entries[i]
    if (entry.kind === 'bot' && entry.options) return entry.id
    if (entry.kind === 'customer') return undefined
  }
  return undefined
}

/** Taps the option behind the index-th button or row of a bot entry. */
export function tapAt(simulation: Simulation, entry: Extract<Entry, { kind: 'bot' }>, shown: string[], index: number) {
  const option = optionAt(entry.options, shown, index)
  if (option) simulation.tap(option)
  else simulation.say(shown[index])
}

export function Composer({ onSend, placeholder, label }: { onSend(text: string): void; placeholder: string; label: string }) {
  const [text, setText] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!text.trim()) return
    onSend(text.trim())
    setText('')
  }
  return (
    <form className="sb-sim-composer" onSubmit={submit}>
      <input aria-label={label} placeholder={placeholder} value={text} onChange={(e) => setText(e.target.value)} />
      <button type="submit" aria-label="Send" disabled={!text.trim()}>
        ➤
      </button>
    </form>
  )
}

/** Media is shown as a placeholder: the simulator never loads a customer-facing URL. */
export function Media({ media }: { media: NonNullable<PreviewTurn['media']> }) {
  const icon = { image: '🖼', audio: '🔊', video: '🎬', document: '📄', sticker: '🙂' }[media.kind] ?? '📎'
  return (
    <div className="sb-sim-media" title={media.url}>
      <span aria-hidden="true">{icon}</span> {media.kind}: <span className="sb-sim-url">{media.url}</span>
    </div>
  )
}

/** A channel's note ("transfers to a human (queue support)") as a small centred line. */
export const Note = ({ text }: { text: string }) => <div className="sb-sim-note">{text}</div>

/** The WhatsApp list sheet: rows to pick from, Escape or Close to dismiss; focus returns to its opener. */
export function ListSheet({ title, rows, onPick, onClose }: { title: string; rows: { title: string; description?: string }[]; onPick(index: number): void; onClose(): void }) {
  const first = useRef<HTMLButtonElement>(null)
  useEffect(() => first.current?.focus(), [])
  return (
    <div className="sb-sim-sheet" role="dialog" aria-modal="true" aria-label={title} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="sb-sim-sheet-head">
        <button type="button" onClick={onClose} aria-label="Close the list">
          ✕
        </button>
        <strong>{title}</strong>
      </div>
      <ul>
        {rows.map((row, i) => (
          <li key={i}>
            <button type="button" ref={i === 0 ? first : undefined} onClick={() => onPick(i)}>
              <span className="sb-sim-row-title">{row.title}</span>
              {row.description && <span className="sb-sim-row-desc">{row.description}</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** Reply buttons (WhatsApp) or quick replies (web chat) under a bubble. */
export function Replies({ labels, live, onTap, className }: { labels: string[]; live: boolean; onTap(index: number): void; className: string }) {
  return (
    <div className={className} role="group" aria-label="Reply buttons">
      {labels.map((label, i) => (
        <button key={i} type="button" disabled={!live} onClick={() => onTap(i)}>
          {label}
        </button>
      ))}
    </div>
  )
}

