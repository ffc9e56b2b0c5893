/**
 * `switchboard chat <flow> [--channel whatsapp|voice|webchat] [--lang xx]`: talk to a flow in the
 * terminal. Bot turns print as the channel would show them; HTTP calls are made for real; timers
 * fire in real time or on `/wait`. Reads stdin line by line (a pipe works) and stops when it ends.
 */
import { existsSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { createInterface } from 'node:readline'
import { Option } from 'commander'
import type { Action, AskOption, CallHttpAction, ChannelName } from '../../schemas/nodes/step.ts'
import { durationSeconds } from '../../schemas/duration.ts'
import { startConversation, startsWithConversation, type Input } from '../transcripts/conversation.ts'
import { loadFlow, siblingLookup } from '../transcripts/files.ts'
import { outputsOf } from '../transcripts/transcript.ts'
import { performHttp } from './http.ts'
import { chatHelp, renderTurnLines } from './chat-render.ts'
import { formatProblem, validateFiles } from './validate.ts'
import { UsageError, type AddCommand } from './command.ts'

export interface ChatOptions {
  channel?: ChannelName
  lang?: string
}

export interface ChatIO {
  input: NodeJS.ReadableStream & { isTTY?: boolean }
  output: NodeJS.WritableStream
  error: NodeJS.WritableStream
  env: Record<string, string | undefined>
  now: () => number
}

const processIO = (): ChatIO => ({ input: process.stdin, output: process.stdout, error: process.stderr, env: process.env, now: Date.now })

/** What a typed line means: DTMF on the phone, a tap when it is exactly a shown option, else text. */
export function inputOfLine(line: string, channel: ChannelName, options: AskOption[]): Input {
  if (channel === 'voice' && /^[0-9*#]+$/.test(line)) return { type: 'message-received', digits: line }
  const option = channel === 'voice' ? undefined : options.find((o) => o.label.toLowerCase() === line.toLowerCase())
  return option ? { type: 'message-received', choice: option.id } : { type: 'message-received', text: line }
}

/** Runs a chat session; resolves to the exit code when the input ends or the user types /quit. */
export async function chat(file: string, options: ChatOptions, io: ChatIO = processIO()): Promise<number> {
  if (!existsSync(file) || statSync(file).isDirectory()) throw new UsageError(`no such flow file: ${file}`)
  const problems = validateFiles([file]).filter((p) => p.severity === 'error')
  if (problems.length) {
    for (const problem of problems) io.error.write(`${formatProblem(problem)}\n`)
    return 1
  }
  const flow = loadFlow(file)
  const channel = options.channel ?? (flow.channels[0] as ChannelName)
  let offset = 0
  const clock = () => io.now() + offset
  const conversation = startConversation(flow, siblingLookup(flow, dirname(file)), { channel, contact: { id: 'cli', ...(options.lang && { language: options.lang }) }, at: clock() })
  const print = (line: string) => io.output.write(`${line}\n`)
  let shown: AskOption[] = []

  async function answerHttp(action: CallHttpAction) {
    print(`(calling ${action.method} ${action.url})`)
    const { input, missing } = await performHttp(action, io.env)
    if (missing.length) io.error.write(`(not set in the environment: ${missing.join(', ')})\n`)
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

  let timer: NodeJS.Timeout | undefined
  let chain: Promise<void> = Promise.resolve()
  const enqueue = (job: () => Promise<void>) => {
    chain = chain.then(job).catch((error: Error) => void io.error.write(`(error: ${error.message})\n`))
  }
  const tick = async () => {
    await show(conversation.advanceTo(clock()))
    clearTimeout(timer)
    const next = conversation.nextTimer()
    if (next !== undefined) timer = setTimeout(() => enqueue(tick), Math.max(0, next - clock())).unref()
  }

  const rl = createInterface({ input: io.input, ...(io.input.isTTY && { output: io.output }), terminal: !!io.input.isTTY })
  const prompt = () => io.input.isTTY && rl.prompt()
  rl.setPrompt('you: ')

  async function handle(line: string) {
    await tick()
    const [command, argument] = line.split(/\s+/)
    if (!line.startsWith('/')) await show(conversation.send(inputOfLine(line, channel, shown)))
    else if (command === '/silence') await show(conversation.send({ type: 'no-input' }))
    else if (command === '/agent') await show(conversation.send({ type: 'handoff-ended', ...(argument && { resumeAt: argument }) }))
    else if (command === '/close') await show(conversation.send({ type: 'conversation-closed' }))
    else if (command === '/wait' && durationSeconds(argument ?? '') !== undefined) offset += durationSeconds(argument)! * 1000
    else if (command === '/wait') print('(usage: /wait PT10M)')
    else print(chatHelp)
    await tick()
    prompt()
  }

  const language = conversation.session.language
  io.error.write(`Chatting with "${flow.name}" on ${channel} in ${language}${options.lang && options.lang !== language ? ` (no ${options.lang} in this flow)` : ''}. /help for commands, /quit to stop.\n`)
  if (startsWithConversation(flow, channel)) enqueue(async () => show(conversation.send({ type: 'conversation-started' })))
  enqueue(async () => void prompt())

  await new Promise<void>((resolve) => {
    rl.on('line', (raw) => {
      const line = raw.trim()
      if (line === '/quit') rl.close()
      else if (line) enqueue(() => handle(line))
      else enqueue(async () => void prompt())
    })
    rl.on('close', () => enqueue(async () => resolve()))
  })
  clearTimeout(timer)
  return 0
}

export const addChat: AddCommand = (program, exit) => {
  program
    .command('chat')
    .description('talk to a flow in the terminal, shown as the channel shows it')
    .argument('<flow>', 'a flow file')
    .addOption(new Option('--channel <name>', 'how bot turns are shown (default: the flow\'s first channel)').choices(['whatsapp', 'voice', 'webchat']))
    .option('--lang <tag>', "the customer's language, e.g. it")
    .addHelpText('after', `\n${chatHelp}\nOn voice, type digits (1) for key presses. HTTP calls are made for real; {{secrets.NAME}} comes from the environment variable NAME.`)
    .action(async (file: string, options: ChatOptions) => exit(await chat(file, options)))
}
