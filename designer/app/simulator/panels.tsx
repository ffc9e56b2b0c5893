/** The simulator's side panels: the HTTP call to answer, the clock, the variables, saving a test. */
import { useId, useState, type FormEvent } from 'react'
import type { CallHttpAction } from '../../../schemas/nodes/step.ts'
import { describeMismatch } from '../../../runtime/transcripts/format.ts'
import type { Transcript } from '../../../runtime/transcripts/transcript.ts'
import { humanDuration, type Simulation, type SimulationState } from './driver.ts'
import { mockKey, mockText, parseMock } from './mocks.ts'

/** Shows a call the flow made and an editor for the answer (remembered per method + URL pattern). */
export function HttpMockEditor({ simulation, call }: { simulation: Simulation; call: CallHttpAction }) {
  const [text, setText] = useState(() => mockText(simulation.mockFor(call)))
  const id = useId()
  const parsed = parseMock(text)
  const answer = (event: FormEvent) => {
    event.preventDefault()
    if (parsed.answer) simulation.answer(call.request, parsed.answer)
  }
  return (
    <form className="sb-sim-http" onSubmit={answer} aria-label="Answer the HTTP call">
      <h3>The flow calls an API</h3>
      <code className="sb-sim-request">
        {call.method} {call.url}
      </code>
      {Object.keys(call.headers).length > 0 && <pre className="sb-sim-pre">{Object.entries(call.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}</pre>}
      {call.body !== undefined && <pre className="sb-sim-pre">{JSON.stringify(call.body, null, 2)}</pre>}
      <label htmlFor={id}>
        Answer (remembered for <code>{mockKey(call)}</code>)
      </label>
      <textarea id={id} rows={6} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={!!parsed.error} aria-describedby={parsed.error ? `${id}-error` : undefined} />
      {parsed.error && (
        <p id={`${id}-error`} className="sb-sim-error" role="alert">
          {parsed.error}
        </p>
      )}
      <div className="sb-sim-row">
        <button type="submit" disabled={!parsed.answer}>
          Answer
        </button>
        <button type="button" onClick={() => simulation.answer(call.request, { status: 0, error: 'timeout' })}>
          No answer (timeout)
        </button>
      </div>
    </form>
  )
}

const STEPS: [string, number][] = [['+1 min', 60], ['+10 min', 600], ['+1 h', 3600]]

export function ClockPanel({ simulation, state }: { simulation: Simulation; state: SimulationState }) {
  const time = new Date(state.now).toISOString().replace('T', ' ').slice(0, 16) + ' UTC'
  const next = state.nextTimer === undefined ? undefined : Math.ceil((state.nextTimer - state.now) / 1000)
  return (
    <section className="sb-sim-clock" aria-label="Clock">
      <span className="sb-sim-time">🕘 {time}</span>
      {STEPS.map(([label, seconds]) => (
        <button key={label} type="button" onClick={() => simulation.wait(seconds)} aria-label={`Move the clock on by ${label.slice(1)}`}>
          {label}
        </button>
      ))}
      {next !== undefined && (
        <button type="button" onClick={() => simulation.waitForNextTimer()}>
          Next timer (in {humanDuration(Math.max(0, next))})
        </button>
      )}
    </section>
  )
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value))

export function VariablesPanel({ state }: { state: SimulationState }) {
  const rows = Object.entries(state.session.vars)
  return (
    <section className="sb-sim-vars" aria-label="Variables">
      <h3>Variables</h3>
      {rows.length === 0 ? (
        <p className="sb-sim-muted">No variables yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{show(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** "Save as test": a name, an optional description, checked against the flow before it is written. */
export function SaveTest({ simulation, state, flowFile, onSave }: { simulation: Simulation; state: SimulationState; flowFile: string; onSave(name: string, transcript: Transcript): Promise<void> }) {
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [message, setMessage] = useState<{ ok: boolean; text: string }>()
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  const blocked = state.pending.length ? 'Answer the HTTP call first.' : state.turns.length === 0 ? 'Talk to the bot first.' : undefined
  const save = async (event: FormEvent) => {
    event.preventDefault()
    if (!slug || blocked) return
    const transcript = simulation.transcript(flowFile, description.trim() || undefined)
    const result = simulation.check(transcript)
    if (!result.ok) {
      setMessage({ ok: false, text: `Not saved: the flow changed during this conversation and now answers differently. Restart and try again.\n${describeMismatch(result.mismatches[0], '')}` })
      return
    }
    try {
      await onSave(slug, transcript)
      setMessage({ ok: true, text: `Saved ${flowFile.replace(/\.flow\.json$/, '')}.${slug}.transcript.json (${transcript.turns.length} turns).` })
    } catch (error) {
      setMessage({ ok: false, text: `Not saved: ${(error as Error).message}` })
    }
  }
  return (
    <form className="sb-sim-save" onSubmit={save} aria-label="Save as test">
      <h3>Save as test</h3>
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} placeholder="track-order" />
      </label>
      <label>
        What it shows <input value={description} onChange={(e) => setDescription(e.target.value)} placeholder="A customer tracks an order" />
      </label>
      <button type="submit" disabled={!slug || !!blocked} title={blocked}>
        Save as test
      </button>
      {blocked && <p className="sb-sim-muted">{blocked}</p>}
      {message && (
        <p role="status" className={message.ok ? 'sb-sim-ok' : 'sb-sim-error'}>
          {message.text}
        </p>
      )}
    </form>
  )
}
