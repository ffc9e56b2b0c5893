/**
 * The simulator view: the runtime's engine in the browser on the flow as it is now, shown as the
 * channel shows it (WhatsApp phone, IVR keypad, web chat), with the clock, HTTP mocks, variables,
 * the current node lit on the canvas, and "Save as test".
 */
import type { ChannelName } from '../../../schemas/nodes/step.ts'
import type { SimulatorProps } from '../contracts.ts'
import { KeypadFace } from './keypad.tsx'
import { ClockPanel, HttpMockEditor, SaveTest, VariablesPanel } from './panels.tsx'
import { WhatsAppFace } from './phone.tsx'
import { useSimulation } from './use-simulation.ts'
import { WebchatFace } from './webchat.tsx'
import './simulator.css'

const CHANNEL_LABELS: Record<ChannelName, string> = { whatsapp: 'WhatsApp', voice: 'Phone', webchat: 'Web chat' }
const FACES = { whatsapp: WhatsAppFace, voice: KeypadFace, webchat: WebchatFace }

const baseName = (path: string) => path.split('/').pop() ?? path

export function Simulator({ open, onActiveNode, onSaveTranscript }: SimulatorProps) {
  const { simulation, state } = useSimulation(open.path, open.flow, onActiveNode)
  const { channels, languages } = simulation.offers
  const Face = FACES[state.channel]
  const lastBot = [...state.entries].reverse().find((e) => e.kind === 'bot' && (e.turn.text || e.turn.note))
  const status = state.session.status === 'ended' ? 'ended' : state.session.node ? `at ${state.session.node} (${state.session.status})` : 'not started'

  return (
    <div className="sb-sim" aria-label="Simulator">
      <div className="sb-sim-toolbar">
        <div role="radiogroup" aria-label="Channel" className="sb-sim-channels">
          {channels.map((channel) => (
            <button
              key={channel}
              type="button"
              role="radio"
              aria-checked={channel === state.channel}
              onClick={() => simulation.restart({ channel })}
            >
              {CHANNEL_LABELS[channel] ?? channel}
            </button>
          ))}
        </div>
        {languages.length > 1 && (
          <label>
            Language{' '}
            <select value={state.language} onChange={(e) => simulation.restart({ language: e.target.value })}>
              {languages.map((lang) => (
                <option key={lang} value={lang}>
                  {lang}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={() => simulation.restart()} aria-label="Restart the conversation">
          ↻ Restart
        </button>
      </div>
      <div className="sb-sim-body">
        <div className="sb-sim-face">
          <Face simulation={simulation} state={state} />
        </div>
        <div className="sb-sim-side">
          <p className="sb-sim-status">
            Conversation {status}
            {state.edited && <span className="sb-sim-muted"> · the flow was edited during this conversation</span>}
          </p>
          {state.pending.map((call) => (
            <HttpMockEditor key={call.request} simulation={simulation} call={call} />
          ))}
          <div className="sb-sim-row">
            {state.session.status === 'handoff' && (
              <button type="button" onClick={() => simulation.agentResolves()}>
                Agent hands back
              </button>
            )}
            {state.channel !== 'voice' && state.session.status !== 'ended' && state.turns.length > 0 && (
              <button type="button" onClick={() => simulation.close()}>
                Customer leaves
              </button>
            )}
          </div>
          <ClockPanel simulation={simulation} state={state} />
          <VariablesPanel state={state} />
          <SaveTest simulation={simulation} state={state} flowFile={baseName(open.path)} onSave={onSaveTranscript} />
        </div>
      </div>
      <div className="sb-sim-sr-only" aria-live="polite" aria-atomic="true">
        {lastBot?.kind === 'bot' && <span key={lastBot.id}>{lastBot.turn.text || lastBot.turn.note}</span>}
      </div>
    </div>
  )
}
