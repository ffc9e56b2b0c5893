/**
 * The contract every node type implements, and the engine's small vocabulary:
 * events come in (past-tense facts), actions go out (imperatives). Types only; no behaviour.
 * Channels translate actions, never node types (STYLE.md rule 4).
 */
import type { Flow, FlowNode, Text } from '../types.gen.ts'

export type { Flow, FlowNode, Text }
export type ChannelName = 'whatsapp' | 'voice' | 'webchat'

/** An option offered to the customer: a menu entry, a yes/no choice, a survey score. */
export interface AskOption {
  id: string
  label: string
  description?: string
  /** DTMF key on the phone ('1'..'9', '0', '*', '#'). */
  key?: string
}

/** Customer media or a recording that arrived with a message. */
export interface MediaPayload {
  kind: 'image' | 'audio' | 'video' | 'document' | 'sticker' | 'voice'
  url?: string
  id?: string
  mime?: string
  caption?: string
}

// ---- events (in) -------------------------------------------------------------------------------

interface EventBase {
  /** When it happened, in epoch milliseconds. The engine's only clock. */
  at: number
}
/** The customer sent something: text, a button or list choice (option id), DTMF digits, media, a location. */
export interface MessageReceived extends EventBase {
  type: 'message-received'
  text?: string
  choice?: string
  digits?: string
  media?: MediaPayload
  location?: { latitude: number; longitude: number; name?: string; address?: string }
  messageId?: string
}
/** The conversation is opened by the business (proactive) or by a channel that connects before anyone speaks (a phone call). */
export interface ConversationStarted extends EventBase {
  type: 'conversation-started'
  variables?: Record<string, unknown>
}
/** A timer the engine asked for with start-timer has fired. */
export interface TimerFired extends EventBase {
  type: 'timer-fired'
  timer: string
}
/** The phone channel heard nothing before its own gather timeout. */
export interface NoInput extends EventBase {
  type: 'no-input'
}
/** The host finished a call-http action. status 0 means it never got an answer (timeout, refused, too large). */
export interface HttpResponded extends EventBase {
  type: 'http-responded'
  request: string
  status: number
  body?: unknown
  error?: string
}
/** A recording the record node asked for is ready (or the caller hung up without one: url absent). */
export interface RecordingFinished extends EventBase {
  type: 'recording-finished'
  url?: string
  seconds?: number
}
/** A human agent gave the conversation back; resumeAt optionally names the node to continue at. */
export interface HandoffEnded extends EventBase {
  type: 'handoff-ended'
  resumeAt?: string
}
/** The customer left: the call hung up, the chat was closed. */
export interface ConversationClosed extends EventBase {
  type: 'conversation-closed'
}

export type EngineEvent =
  | MessageReceived
  | ConversationStarted
  | TimerFired
  | NoInput
  | HttpResponded
  | RecordingFinished
  | HandoffEnded
  | ConversationClosed

// ---- actions (out) -----------------------------------------------------------------------------

interface ActionBase {
  /** The node that produced the action, for the canvas and reports. */
  node?: string
}
export interface VoiceRendering {
  ssml?: string
  audio?: string
}
export interface SayAction extends ActionBase {
  type: 'say'
  text: string
  media?: { kind: 'image' | 'audio' | 'video' | 'document'; url: string; caption?: string }
  voice?: VoiceRendering
}
/** Ask the customer and wait. With options, channels render buttons / lists / numbered text / "press 1 for". */
export interface AskAction extends ActionBase {
  type: 'ask'
  text: string
  options?: AskOption[]
  /** What kind of answer is expected; channels use it for keyboards and speech hints. */
  expect?: 'choice' | 'text' | 'number' | 'email' | 'phone' | 'date' | 'yes-no' | 'any'
  /** Words the speech recogniser should listen for (labels and synonyms). */
  hints?: string[]
  /** Label of the button that opens a WhatsApp list. */
  listButton?: string
  /** Seconds the phone channel waits for input before reporting no-input. */
  timeoutSeconds?: number
  /** Maximum DTMF digits (voice). */
  maxDigits?: number
  voice?: VoiceRendering
}
export interface PlayAction extends ActionBase {
  type: 'play'
  url: string
}
export interface RecordAction extends ActionBase {
  type: 'record'
  text: string
  maxSeconds: number
  /** Play a beep when recording starts; absent means yes (the phone's usual behaviour). */
  beep?: boolean
  voice?: VoiceRendering
}
export interface SendTemplateAction extends ActionBase {
  type: 'send-template'
  name: string
  language: string
  parameters: string[]
  buttons?: AskOption[]
  /** Text for channels without templates (web chat, voice) and for transcripts. */
  fallbackText: string
}
export interface HandOffAction extends ActionBase {
  type: 'hand-off'
  queue: string
  priority: number
  skills: string[]
  summary: string
  /** SLA ladder in seconds: alert the supervisor after alertAfter, escalate after escalateAfter. */
  alertAfterSeconds?: number
  escalateAfterSeconds?: number
  variables: Record<string, unknown>
}
/** Tell someone (a supervisor webhook) that something happened; the conversation does not wait. */
export interface NotifyAction extends ActionBase {
  type: 'notify'
  /** SLA and escalation events come from flows; the handoff ones from the host's generic hand-off webhook (desk). */
  event: 'sla-alert' | 'sla-escalated' | 'escalation' | 'handoff' | 'handoff-claimed' | 'handoff-resolved'
  url?: string
  body: Record<string, unknown>
}
/** Make an HTTP call; the host answers with http-responded carrying the same request id.
 *  Strings may contain {{secrets.NAME}}: the host fills them in; the engine never sees secrets. */
export interface CallHttpAction extends ActionBase {
  type: 'call-http'
  request: string
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string
  headers: Record<string, string>
  body?: unknown
  timeoutSeconds: number
  retries: number
}
export interface StartTimerAction extends ActionBase {
  type: 'start-timer'
  timer: string
  /** Epoch milliseconds at which the host delivers timer-fired. */
  at: number
}
export interface CancelTimerAction extends ActionBase {
  type: 'cancel-timer'
  timer: string
}
/** A survey answer or categorised feedback, for reports. */
export interface SaveFeedbackAction extends ActionBase {
  type: 'save-feedback'
  kind: 'csat' | 'nps' | 'text'
  score?: number
  text?: string
  category?: 'suggestion' | 'requirement' | 'complaint' | 'praise' | 'other'
}
/** The customer asked never to be contacted again (STOP). The host records it for good. */
export interface OptOutAction extends ActionBase {
  type: 'opt-out'
}
export interface EndAction extends ActionBase {
  type: 'end'
  reason: 'completed' | 'dead-end' | 'opted-out' | 'closed' | 'error'
}

export type Action =
  | SayAction
  | AskAction
  | PlayAction
  | RecordAction
  | SendTemplateAction
  | HandOffAction
  | NotifyAction
  | CallHttpAction
  | StartTimerAction
  | CancelTimerAction
  | SaveFeedbackAction
  | OptOutAction
  | EndAction

// ---- session -----------------------------------------------------------------------------------

export interface Contact {
  id: string
  name?: string
  phone?: string
  language?: string
  optedOut?: boolean
  [field: string]: unknown
}

/** What the conversation waits for at its current node. */
export interface Wait {
  kind: 'reply' | 'http' | 'timer' | 'recording' | 'handoff'
  /** Name of the engine timer that ends the wait (input timeout, wait node, SLA). */
  timer?: string
  request?: string
}

/** One frame of the subflow stack: where to go back to when the inner flow ends. */
export interface ReturnFrame {
  flow: string
  /** The subflow node in the calling flow, and the exit it takes when the inner flow ends. */
  node: string
  exit: string
}

/** A conversation's whole state: plain JSON, stored between events. */
export interface Session {
  id: string
  channel: ChannelName
  flow: string
  flowVersion: number
  status: 'active' | 'waiting' | 'handoff' | 'ended'
  /** The node the conversation stands at (waiting there), or null before the start and after the end. */
  node: string | null
  wait?: Wait
  /** Per-node scratch state while waiting at a node (attempts so far, pending request). Cleared on leaving. */
  nodeState: Record<string, unknown>
  /** Consecutive answers the bot did not understand, across nodes (for no-match triggers). */
  noMatch: number
  stack: ReturnFrame[]
  vars: Record<string, unknown>
  contact: Contact
  language: string
  /** Timers the engine started and has not seen fire or cancelled: name -> epoch ms. */
  timers: Record<string, number>
  /** Triggers that fire once per conversation (condition, outside-hours, or marked once) and already did. */
  firedTriggers: string[]
  /**
   * While with a person: the queue the customer waits in and since when. A queue-wait rule that
   * leads back to the same queue keeps it, so the customer keeps their place and the hand-off's
   * service level counts from the first wait. Cleared when the conversation leaves the hand-off.
   */
  queued?: { queue: string; since: number }
  /** Increases with every event; makes timer and request ids unique and stable. */
  seq: number
  startedAt: number
  updatedAt: number
}

// ---- node steps --------------------------------------------------------------------------------

/** Synthetic event a step sees when the conversation arrives at its node. */
export interface NodeEntered {
  type: 'node-entered'
  at: number
}
/** Synthetic event a step sees when its wait timed out (timer or phone no-input). */
export interface TimedOut {
  type: 'timed-out'
  at: number
}
export type StepEvent = NodeEntered | TimedOut | MessageReceived | HttpResponded | RecordingFinished | HandoffEnded | TimerFired

/** What a step may read and compute. Pure helpers only; nothing here does I/O. */
export interface StepContext {
  event: StepEvent
  session: Readonly<Session>
  flow: Flow
  /** This node's scratch state from the previous event while waiting here ({} on entry). */
  state: Record<string, unknown>
  /** Localize to the session language (fallback: flow default) and fill {{templates}}. */
  text(text: Text | undefined): string
  /** Fill {{templates}} in a string. */
  render(template: string): string
  /** Evaluate a JSON Logic rule against variables and contact. */
  evaluate(logic: unknown): unknown
  /** Parse an ISO 8601 duration into seconds. */
  seconds(duration: string): number
}

/** What a step decided. Exactly one of exit / wait, or neither to end at a dead end. */
export interface StepResult {
  actions?: Action[]
  /** Leave the node through this exit. */
  exit?: string
  /** Stay at this node waiting. `timeoutSeconds` makes the engine start a timeout timer. */
  wait?: { kind: Wait['kind']; timeoutSeconds?: number; request?: string }
  /** Timers to start, in seconds from now, by local name (e.g. SLA `alert`). The step later sees
   *  timer-fired with that name while still at this node; leaving the node cancels them. */
  timers?: Record<string, number>
  /** Keep this scratch state while waiting. */
  state?: Record<string, unknown>
  /** Variables to set (dotted names allowed). */
  set?: Record<string, unknown>
  /** The customer's answer was not understood (feeds no-match triggers); false resets the counter. */
  noMatch?: boolean
  /** Enter another flow (subflow); the engine returns to this node's `exit` when it ends. */
  call?: { flow: string; exit: string }
  /** Finish the conversation here. */
  end?: EndAction['reason']
}

export type Step<N extends FlowNode = FlowNode> = (node: N, context: StepContext) => StepResult

/** Everything about one node type, gathered in its folder. */
export interface NodeType<N extends FlowNode = FlowNode> {
  type: N['type']
  schema: Record<string, unknown>
  step: Step<N>
  /** Exits this node can take; drives engine routing, canvas handles and lint. */
  exitNames(node: N): string[]
  /** Variables this node sets (for lint's used-before-set rule). */
  setsVariables?(node: N): string[]
  /** Whether the node waits for the customer (for lint's loop-without-input rule). */
  waitsForCustomer?(node: N): boolean
}
