/**
 * `switchboard chat <flow> [--channel whatsapp|voice|webchat] [--lang xx]`: talk to a flow in the
 * terminal. Reads stdin line by line (a pipe works too) and stops at its end or at /quit.
 */
import { existsSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { createInterface } from 'node:readline'
import { Option } from 'commander'
import type { ChannelName } from '../../schemas/nodes/step.ts'
import { loadFlow, siblingLookup } from '../transcripts/files.ts'
import { createChat } from './chat-session.ts'
import { chatHelp } from './chat-render.ts'
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

/** Runs a chat in the terminal; resolves to the exit code (1: the flow has errors). */
export async function chat(file: string, options: ChatOptions, io: ChatIO = processIO()): Promise<number> {
  if (!existsSync(file) || statSync(file).isDirectory()) throw new UsageError(`no such flow file: ${file}`)
  const problems = validateFiles([file]).filter((p) => p.severity === 'error')
  for (const problem of problems) io.error.write(`${formatProblem(problem)}\n`)
  if (problems.length) return 1
  const flow = loadFlow(file)
  const channel = options.channel ?? (flow.channels[0] as ChannelName)
  const session = createChat(flow, siblingLookup(flow, dirname(file)), {
    channel,
    lang: options.lang,
    print: (line) => io.output.write(`${line}\n`),
    warn: (line) => io.error.write(`${line}\n`),
    env: io.env,
    now: io.now,
  })
  const other = options.lang && options.lang !== session.language ? ` (this flow has no ${options.lang})` : ''
  io.error.write(`Chatting with "${flow.name}" on ${channel} in ${session.language}${other}. /help for commands, /quit to stop.\n`)

  const rl = createInterface({ input: io.input, ...(io.input.isTTY && { output: io.output }), terminal: !!io.input.isTTY })
  rl.setPrompt('you: ')
  const prompt = () => void (io.input.isTTY && rl.prompt())
  let timer: NodeJS.Timeout | undefined
  let chain: Promise<void> = Promise.resolve()
  const enqueue = (job: () => Promise<void>) => {
    chain = chain.then(job).catch((error: Error) => void io.error.write(`(error: ${error.message})\n`))
  }
  const tick = async () => {
    clearTimeout(timer)
    const next = await session.tick()
    if (next !== undefined) timer = setTimeout(() => enqueue(tick), Math.max(0, next)).unref()
  }
  enqueue(async () => {
    await session.start()
    await tick()
    prompt()
  })
  await new Promise<void>((resolve) => {
    rl.on('line', (raw) => {
      const line = raw.trim()
      if (line === '/quit') return rl.close()
      enqueue(async () => {
        await tick()
        if (line) await session.handle(line)
        await tick()
        prompt()
      })
    })
    rl.on('SIGINT', () => rl.close())
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
    .addOption(new Option('--channel <name>', "how bot turns are shown (default: the flow's first channel)").choices(['whatsapp', 'voice', 'webchat']))
    .option('--lang <tag>', "the customer's language, e.g. it")
    .addHelpText('after', `\n${chatHelp}\nOn voice, type digits (1) for key presses. HTTP calls are made for real; {{secrets.NAME}} comes from the environment variable NAME.`)
    .action(async (file: string, options: ChatOptions) => exit(await chat(file, options)))
}
