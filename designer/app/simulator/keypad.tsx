/**
 * The phone (IVR) face: what the call says, read aloud through the browser's speech synthesis when
 * it has one, and a keypad for DTMF. Keys collect until the prompt's digit count is reached (or #).
 */
import { useEffect, useRef, useState } from 'react'
import { Composer, Media, Note, type FaceProps } from './parts.tsx'

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']

/** Digits the current prompt listens for, from the channel's note ("listens for 1 digit or speech"). */
function digitsWanted(state: FaceProps['state']): number | undefined {
  const last = [...state.entries].reverse().find((e) => e.kind === 'bot' && e.turn.note?.startsWith('listens'))
  const match = last?.kind === 'bot' ? /listens for (\d+) digit/.exec(last.turn.note ?? '') : null
  return match ? Number(match[1]) : undefined
}

function speak(text: string, language: string) {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return
  const utterance = new SpeechSynthesisUtterance(text)
  utterance.lang = language
  synth.speak(utterance)
}

export function KeypadFace({ simulation, state }: FaceProps) {
  const [buffer, setBuffer] = useState('')
  const [muted, setMuted] = useState(false)
  const spoken = useRef(-1)
  const scroller = useRef<HTMLDivElement>(null)
  const ended = state.session.status === 'ended'
  const recording = state.session.wait?.kind === 'recording'

  useEffect(() => {
    const fresh = state.entries.filter((e) => e.id > spoken.current)
    if (fresh.length) spoken.current = fresh[fresh.length - 1].id
    else if (state.entries.length === 0) spoken.current = -1
    if (muted) return
    for (const entry of fresh) if (entry.kind === 'bot' && entry.turn.text) speak(entry.turn.text, state.language)
    scroller.current?.scrollTo?.({ top: scroller.current.scrollHeight })
  }, [state.entries, state.language, muted])

  useEffect(() => () => window.speechSynthesis?.cancel?.(), [])

  const send = (digits: string) => {
    setBuffer('')
    window.speechSynthesis?.cancel?.()
    simulation.press(digits)
  }
  const pressKey = (key: string) => {
    const wanted = digitsWanted(state)
    if (key === '#' && buffer) return send(buffer)
    const next = buffer + key
    if (wanted === undefined || next.length >= wanted) send(next)
    else setBuffer(next)
  }

  return (
    <div className="sb-sim-ivr" aria-label="Phone call preview">
      <div className="sb-sim-ivr-head">
        <span aria-hidden="true">📞</span> {ended ? 'Call ended' : state.session.status === 'handoff' ? 'On hold for an agent' : 'In call'} · {simulation.flowName}
        <label className="sb-sim-mute">
          <input type="checkbox" checked={muted} onChange={(e) => setMuted(e.target.checked)} /> Mute voice
        </label>
      </div>
      <div className="sb-sim-ivr-log" ref={scroller}>
        {state.entries.map((entry) => {
          if (entry.kind === 'customer') return <div key={entry.id} className="sb-sim-ivr-line sb-sim-out">{entry.text}</div>
          if (entry.kind === 'info') return <Note key={entry.id} text={entry.text} />
          if (entry.kind === 'http') return <Note key={entry.id} text={`⇄ ${entry.call.method} ${entry.call.url}${entry.answer ? ` → ${entry.answer.status}` : ' (waiting for your answer)'}`} />
          return (
            <div key={entry.id} className="sb-sim-ivr-line sb-sim-in">
              {entry.turn.media && <Media media={entry.turn.media} />}
              {entry.turn.text && (
                <div className="sb-sim-text">
                  <span aria-hidden="true">🔊 </span>
                  {entry.turn.text}
                </div>
              )}
              {entry.turn.note && <Note text={entry.turn.note} />}
            </div>
          )
        })}
      </div>
      <output className="sb-sim-ivr-buffer" aria-label="Keys pressed so far">
        {buffer || '\u00a0'}
      </output>
      <div className="sb-sim-keypad" role="group" aria-label="Keypad">
        {KEYS.map((key) => (
          <button key={key} type="button" disabled={ended} aria-label={`Key ${key}`} onClick={() => pressKey(key)}>
            {key}
          </button>
        ))}
      </div>
      <div className="sb-sim-ivr-actions">
        {buffer && (
          <button type="button" onClick={() => send(buffer)}>
            Send {buffer}
          </button>
        )}
        <button type="button" disabled={ended} onClick={() => simulation.silence()}>
          No input
        </button>
        {recording && (
          <button type="button" onClick={() => simulation.record('https://example.com/voicemail.wav')}>
            Leave a voicemail
          </button>
        )}
        <button type="button" className="sb-sim-hangup" disabled={ended} onClick={() => simulation.close()}>
          Hang up
        </button>
      </div>
      <Composer label="Say as the caller" placeholder="Say something (speech)…" onSend={(text) => simulation.say(text)} />
    </div>
  )
}
