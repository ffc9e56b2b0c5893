/**
 * The simulator without React: the runtime's own conversation host (runtime/transcripts/conversation.ts,
 * the driver `switchboard test` and `chat` use) on the flow as it is now, plus what a person at the
 * designer adds: a clock they move by hand, HTTP calls they answer from mocks, and the turns they
 * took, written down as a transcript that `switchboard test` replays. Deterministic: the clock
 * starts at the transcripts' default start and the contact is the transcripts' default contact.
 */
import type { Action, AskOption, CallHttpAction, ChannelName, Flow, NotifyAction, Session } from '../../../schemas/nodes/step.ts'
import { formatDuration } from '../../../schemas/duration.ts'
import { previewActions, type PreviewTurn } from '../../../runtime/channels/preview.ts'
import type { PathStep } from '../../../runtime/engine/advance.ts'
import { startConversation, startsWithConversation, type Conversation, type Input } from '../../../runtime/transcripts/conversation.ts'
import { DEFAULT_START, runTranscript, type TranscriptResult } from '../../../runtime/transcripts/run.ts'
import { botTurnOf, type HttpTurn, type InputTurn, type Transcript, type Turn } from '../../../runtime/transcripts/transcript.ts'
import { DEFAULT_MOCK, mockKey, type MockAnswer } from './mocks.ts'

/** One line of the conversation as the simulator shows it. */
export type Entry =
  | { id: number; kind: 'bot'; turn: PreviewTurn; node?: string; options?: AskOption[] }
  | { id: number; kind: 'customer'; text: string }
  | { id: number; kind: 'http'; call: CallHttpAction; answer?: MockAnswer }
  | { id: number; kind: 'info'; text: string }

export interface SimulationState {
  channel: ChannelName
  language: string
  entries: Entry[]
  session: Session
  /** The simulated clock, epoch milliseconds. */
  now: number
  nextTimer?: number
  /** HTTP calls the flow made that nobody has answered yet, oldest first. */
  pending: CallHttpAction[]
  /** The turns taken so far, in transcript form. */
  turns: Turn[]
  /** The flow was edited during this conversation (the saved test is checked before it is written). */
  edited: boolean
}

export interface SimulationOptions {
  channel?: ChannelName
  language?: string
  /** Answers remembered from earlier calls: mockKey(call) → answer. */
  mocks?: Map<string, MockAnswer>
}

const START = Date.parse(DEFAULT_START)

export class Simulation {
  private flow: Flow
  private conversation!: Conversation
  private listeners = new Set<() => void>()
  private nextId = 0
  /** Steps the engine took since the last batch was shown (only the fired rules are read). */
  private path: PathStep[] = []
  private snapshot!: SimulationState
  readonly mocks: Map<string, MockAnswer>

  constructor(flow: Flow, options: SimulationOptions = {}) {
    this.flow = flow
    this.mocks = options.mocks ?? new Map()
    this.restart({ channel: options.channel, language: options.language })
  }

  get state(): SimulationState {
    return this.snapshot
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  getState = () => this.snapshot

  /** The name the customer sees in the chat header. */
  get flowName(): string {
    return this.flow.name || this.flow.id
  }

  /** The flow's channels and languages, for the switchers. */
  get offers(): { channels: ChannelName[]; languages: string[] } {
    return { channels: this.flow.channels as ChannelName[], languages: this.flow.languages }
  }

  /** Starts over, on another channel or language if asked (limited to what the flow offers). */
  restart(change: { channel?: ChannelName; language?: string } = {}) {
    const flow = this.flow
    const channels = flow.channels as ChannelName[]
    const pick = <T,>(offered: T[], ...wanted: (T | undefined)[]) => wanted.find((w) => w !== undefined && offered.includes(w))
    const channel = pick(channels, change.channel, this.snapshot?.channel) ?? channels[0] ?? 'webchat'
    const language = pick(flow.languages, change.language, this.snapshot?.language) ?? flow.defaultLanguage
    this.path = []
    this.conversation = startConversation(flow, (id) => (id === this.flow.id ? this.flow : undefined), {
      channel,
      contact: { id: 'transcript', language },
      at: START,
      path: this.path,
    })
    this.httpTurns.clear()
    this.snapshot = { channel, language, entries: [], session: this.conversation.session, now: START, pending: [], turns: [], edited: false }
    if (startsWithConversation(flow, channel)) this.take(undefined, undefined, { type: 'conversation-started' })
    else this.publish()
  }

  /**
   * The flow changed in the designer. The conversation goes on where it stands if that node is
   * still there (the engine reads the new flow from the next event on); otherwise it starts over.
   */
  setFlow(flow: Flow) {
    if (flow === this.flow) return
    const before = this.flow
    this.flow = flow
    const { session, channel, language } = this.snapshot
    const lost =
      flow.id !== before.id ||
      !flow.channels.includes(channel) ||
      !flow.languages.includes(language) ||
      (session.node !== null && session.flow === flow.id && !flow.nodes.some((n) => n.id === session.node))
    if (lost) {
      this.restart()
      this.info(session.node ? `The flow changed and the step "${session.node}" is gone: the conversation started over.` : 'The flow changed: the conversation started over.')
      return
    }
    this.snapshot = { ...this.snapshot, edited: this.snapshot.turns.length > 0 }
    this.publish()
  }

  /** The customer writes (or says) something. */
  say(text: string) {
    this.take({ user: text }, text, { type: 'message-received', text })
  }

  /** The customer taps a reply button or a list row. */
  tap(option: AskOption) {
    this.take({ choice: option.id }, option.label, { type: 'message-received', choice: option.id })
  }

  /** The caller presses keys. */
  press(digits: string) {
    this.take({ press: digits }, `☎ ${digits}`, { type: 'message-received', digits })
  }

  /** The phone heard nothing before its timeout. */
  silence() {
    this.take({ silence: true }, '(silence)', { type: 'no-input' })
  }

  /** The caller leaves a voicemail ('' for an empty recording). */
  record(url: string) {
    this.take({ recording: url }, url ? `(voicemail ${url})` : '(empty voicemail)', { type: 'recording-finished', ...(url && { url }) })
  }

  /** The human agent hands the conversation back. */
  agentResolves(resumeAt?: string) {
    this.take({ agent: 'resolved', ...(resumeAt && { resumeAt }) }, undefined, { type: 'handoff-ended', ...(resumeAt && { resumeAt }) }, 'The agent hands the conversation back.')
  }

  /** The customer leaves (the caller hangs up). */
  close() {
    this.take({ close: true }, undefined, { type: 'conversation-closed' }, this.snapshot.channel === 'voice' ? 'The caller hangs up.' : 'The customer leaves.')
  }

  /** Moves the clock on; the timers that fall due fire in order. */
  wait(seconds: number) {
    const actions = this.conversation.advanceTo(this.conversation.now + seconds * 1000)
    this.note({ after: formatDuration(seconds) }, undefined, `Time passes: ${humanDuration(seconds)}.`)
    this.show(actions)
    this.publish()
  }

  /** Moves the clock to the next timer, if one is pending. */
  waitForNextTimer() {
    const next = this.conversation.nextTimer()
    if (next !== undefined) this.wait(Math.max(1, Math.ceil((next - this.conversation.now) / 1000)))
  }

  /** Answers a pending HTTP call, and remembers the answer for calls like it. */
  answer(request: string, answer: MockAnswer = DEFAULT_MOCK) {
    const call = this.snapshot.pending.find((c) => c.request === request)
    if (!call) return
    this.mocks.set(mockKey(call), answer)
    const placeholder = this.httpTurns.get(request)
    const turns = this.snapshot.turns.map((turn) => (turn === placeholder ? filled(turn as HttpTurn, answer) : turn))
    this.httpTurns.delete(request)
    const entries = this.snapshot.entries.map((e) => (e.kind === 'http' && e.call.request === request ? { ...e, answer } : e))
    this.snapshot = { ...this.snapshot, turns, entries, pending: this.snapshot.pending.filter((c) => c !== call) }
    this.show(this.conversation.send({ type: 'http-responded', request, ...answer }))
    this.publish()
  }

  /** The remembered (or default) answer for a call. */
  mockFor(call: CallHttpAction): MockAnswer {
    return this.mocks.get(mockKey(call)) ?? DEFAULT_MOCK
  }

  /** The conversation so far as a transcript in schemas/transcript.schema.json's format. */
  transcript(flowFile: string, description?: string): Transcript {
    const { channel, language, turns } = this.snapshot
    const schema = this.flow.$schema?.replace(/flow\.schema\.json$/, 'transcript.schema.json')
    return {
      ...(schema && schema !== this.flow.$schema && { $schema: schema }),
      ...(description && { description }),
      flow: flowFile,
      channel,
      ...(language !== this.flow.defaultLanguage && { lang: language }),
      turns: structuredClone(turns),
    }
  }

  /** Replays the transcript on the flow as it is now, as `switchboard test` will. */
  check(transcript: Transcript): TranscriptResult {
    return runTranscript(transcript, this.flow)
  }

  // ---- internals ------------------------------------------------------------------------------

  private httpTurns = new Map<string, HttpTurn>()

  private take(turn: InputTurn | undefined, shown: string | undefined, input: Input, note?: string) {
    this.note(turn, shown, note)
    this.show(this.conversation.send(input))
    this.publish()
  }

  private note(turn: Turn | undefined, shown: string | undefined, note?: string) {
    const entries = [...this.snapshot.entries]
    if (shown !== undefined) entries.push({ id: this.nextId++, kind: 'customer', text: shown })
    if (note) entries.push({ id: this.nextId++, kind: 'info', text: note })
    this.snapshot = { ...this.snapshot, entries, turns: turn ? [...this.snapshot.turns, turn] : this.snapshot.turns }
  }

  /** Each action shown as the channel shows it (previewActions renders action by action, so this equals the transcript's batches). */
  private show(actions: Action[]) {
    const entries = [...this.snapshot.entries]
    // The escalation rules that fired come first: what the customer hears next is where they lead.
    for (const step of this.path.splice(0)) if ('trigger' in step) entries.push({ id: this.nextId++, kind: 'info', text: this.ruleLine(step.trigger) })
    const turns = [...this.snapshot.turns]
    const pending = [...this.snapshot.pending]
    const language = this.conversation.session.language
    for (const action of actions) {
      if (action.type === 'call-http') {
        const turn: HttpTurn = { http: `${action.method} ${action.url}`, respond: { status: 0 } }
        this.httpTurns.set(action.request, turn)
        turns.push(turn)
        pending.push(action)
        entries.push({ id: this.nextId++, kind: 'http', call: action })
      } else if (action.type === 'notify') {
        // Not something the customer sees (no transcript turn); the person testing should still see the team was told.
        entries.push({ id: this.nextId++, kind: 'info', text: notifyLine(action) })
      } else if (action.type === 'end') {
        turns.push({ end: action.reason })
        entries.push({ id: this.nextId++, kind: 'info', text: `The conversation ended (${action.reason}).` })
      } else {
        const options = action.type === 'ask' ? action.options : action.type === 'send-template' ? action.buttons : undefined
        for (const turn of previewActions(this.snapshot.channel, [action], { language })) {
          turns.push(botTurnOf(turn))
          entries.push({ id: this.nextId++, kind: 'bot', turn, node: action.node, ...(options?.length && { options }) })
        }
      }
    }
    this.snapshot = { ...this.snapshot, entries, turns, pending }
  }

  /** "⚡ Rule 'Angry or shouting' fired: on to Tell the supervisors". */
  private ruleLine(id: string): string {
    const trigger = this.flow.triggers?.find((t) => t.id === id)
    const target = trigger?.goto ? this.flow.nodes.find((n) => n.id === trigger.goto) : undefined
    const where = trigger?.do === 'opt-out' ? 'the customer is opted out' : `on to ${target?.name ?? trigger?.goto ?? '?'}`
    return `⚡ Rule '${trigger?.name ?? id}' fired: ${where}`
  }

  private info(text: string) {
    this.snapshot = { ...this.snapshot, entries: [...this.snapshot.entries, { id: this.nextId++, kind: 'info', text }] }
    this.publish()
  }

  private publish() {
    const session = this.conversation.session
    this.snapshot = { ...this.snapshot, session, language: session.language, now: this.conversation.now, nextTimer: this.conversation.nextTimer() }
    for (const listener of this.listeners) listener()
  }
}

const notifyEvents: Record<NotifyAction['event'], string> = {
  'sla-alert': 'Service-level alert',
  'sla-escalated': 'Escalation',
  escalation: 'Notification',
  handoff: 'Hand-off',
  'handoff-claimed': 'Claimed',
  'handoff-resolved': 'Resolved',
}

/** "Notification posted to {{secrets.SUPERVISOR_WEBHOOK}}: {"text":"…"}" (cut short). */
export function notifyLine(action: NotifyAction): string {
  const body = JSON.stringify(action.body)
  return `📣 ${notifyEvents[action.event]} posted to ${action.url ?? '(no address)'}: ${body.length > 160 ? `${body.slice(0, 159)}…` : body}`
}

/** 90 → "1 min 30 s", 3600 → "1 h". */
export function humanDuration(seconds: number): string {
  const parts: [number, string][] = [[Math.floor(seconds / 86400), 'd'], [Math.floor((seconds % 86400) / 3600), 'h'], [Math.floor((seconds % 3600) / 60), 'min'], [seconds % 60, 's']]
  return parts.filter(([n]) => n).map(([n, unit]) => `${n} ${unit}`).join(' ') || '0 s'
}

const filled = (turn: HttpTurn, answer: MockAnswer): HttpTurn => ({
  http: turn.http,
  respond: { status: answer.status, ...(answer.body !== undefined && { body: answer.body }), ...(answer.error !== undefined && { error: answer.error }) },
})

/** The option a tapped button or list row stands for: by position when the channel kept them all, else by label. */
export function optionAt(options: AskOption[] | undefined, shown: string[], index: number): AskOption | undefined {
  if (!options) return undefined
  if (options.length === shown.length) return options[index]
  return options.find((o) => o.label === shown[index]) ?? options.find((o) => shown[index]?.startsWith(o.label.slice(0, 18)))
}
