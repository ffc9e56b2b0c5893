/**
 * One terminal conversation for `switchboard chat`: typed lines become engine events, bot actions
 * print as the channel shows them, HTTP calls are made for real, and timers fire when they are due
 * (the clock is the wall clock plus whatever `/wait` added).
 */
import type { Action, AskOption, CallHttpAction, ChannelName, Flow } from '../../schemas/nodes/step.ts'
import { durationSeconds } from '../../schemas/duration.ts'
import type { FlowLookup } from '../engine/advance.ts'
import { startConversation, startsWithConversation, type Input } from '../transcripts/conversation.ts'
import { outputsOf } from '../transcripts/transcript.ts'
import { performHttp } from './http.ts'
import { chatHelp, renderTurnLines } from './chat-render.ts'

export interface ChatSettings {
  channel: ChannelName
  lang?: string
  print: (line: string) => void
  warn: (line: string) => void
  env: Record<string, string | undefined>
  now: () => number
}

/** What a typed line means: DTMF on the phone, a tap when it is exactly a shown option, else text. */
export function inputOfLine(line: string, channel: ChannelName, options: AskOption[]): Input {
  if (channel === 'voice' && /^[0-9*#]+$/.test(line)) return { type: 'message-received', digits: line }
  const option = channel === 'voice' ? undefined : options.find((o) => o.label.toLowerCase() === line.toLowerCase())
  return option ? { type: 'message-received', choice: option.id } : { type: 'message-received', text: line }
}

export function createChat(flow: Flow, lookup: FlowLookup, settings: ChatSettings) {
  const { channel, print } = settings
  let offset = 0
  const clock = () => settings.now() + offset
  const conversation = startConversation(flow, lookup, { channel, contact: { id: 'cli', ...(settings.lang && { language: settings.lang }) }, at: clock() })
  let shown: AskOption[] = []

  async function answerHttp(action: CallHttpAction) {
    print(`(calling ${action.method} ${action.url})`)
    const { input, missing } = await performHttp(action, settings.env)
    if (missing.length) settings.warn(`(not set in the environment: ${missing.join(', ')})`)
    if (input.type === 'http-responded') print(input.status ? `(answered ${input.status})` : `(no answer: ${input.error ?? 'failed'})`)
    await show(conversation.send(input))
  }

  async function show(actions: Action[]) {
    for (const action of actions) if (action.type === 'ask') shown = action.options ?? []
    for (const output of outputsOf(channel, actions, conversation.session.language)) {
      if (output.kind === 'bot') renderTurnLines(output.turn).forEach(print)
      else if (output.kind === 'end') {
        print(`(conversation ended: ${output.reason})`)
        shown = []
      } else await answerHttp(actions.find((a): a is CallHttpAction => a.type === 'call-http' && a.request === output.request)!)
    }
  }

  return {
    language: conversation.session.language,
    /** Opens the conversation when the flow speaks first (a phone call, a proactive flow). */
    start: async () => {
      if (startsWithConversation(flow, channel)) await show(conversation.send({ type: 'conversation-started' }))
    },
    /** Fires the timers that are due; returns when the next one will be. */
    tick: async (): Promise<number | undefined> => {
      await show(conversation.advanceTo(clock()))
      const next = conversation.nextTimer()
      return next === undefined ? undefined : next - clock()
    },
    /** One typed line: text, digits, or a /command. */
    handle: async (line: string) => {
      const [command, argument = ''] = line.split(/\s+/)
      const waited = durationSeconds(argument)
      if (!line.startsWith('/')) await show(conversation.send(inputOfLine(line, channel, shown)))
      else if (command === '/silence') await show(conversation.send({ type: 'no-input' }))
      else if (command === '/record') await show(conversation.send({ type: 'recording-finished', ...(argument && { url: argument }) }))
      else if (command === '/agent') await show(conversation.send({ type: 'handoff-ended', ...(argument && { resumeAt: argument }) }))
      else if (command === '/close') await show(conversation.send({ type: 'conversation-closed' }))
      else if (command === '/wait' && waited !== undefined) offset += waited * 1000
      else if (command === '/wait') print('(usage: /wait PT10M)')
      else print(chatHelp)
    },
  }
}
