/**
 * `switchboard <command>`: commander wiring and exit codes (DESIGN "Contracts"): 0 fine,
 * 1 problems found, 2 usage error. Each command lives in its own file; adding one is one line in
 * `commands` below. Only the command asked for is loaded (help loads them all), so `validate`
 * starts fast and never waits for the server's dependencies. Users never see a stack trace.
 */
import { Command, CommanderError } from 'commander'
import { UsageError, type AddCommand } from './command.ts'

/** Every command: its name and how to load the file that registers it. */
export const commands: Record<string, () => Promise<AddCommand>> = {
  validate: async () => (await import('./validate.ts')).addValidate,
  test: async () => (await import('./test.ts')).addTest,
  chat: async () => (await import('./chat.ts')).addChat,
  serve: async () => (await import('./serve.ts')).addServe,
  deploy: async () => (await import('./deploy.ts')).addDeploy,
  designer: async () => (await import('./designer.ts')).addDesigner,
  start: async () => (await import('./start.ts')).addStart,
}

/** Runs the CLI with process.argv-style arguments; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let code = 0
  const program = new Command('switchboard')
    .description('Design, test and run customer conversations (WhatsApp, voice IVR, web chat).')
    .exitOverride()
    .showHelpAfterError('(run switchboard help for the commands)')
  const asked = argv[2]
  const names = Object.hasOwn(commands, asked ?? '') ? [asked] : Object.keys(commands)
  const loaded = await Promise.allSettled(names.map((name) => commands[name]()))
  loaded.forEach((result, i) => {
    if (result.status === 'fulfilled') return result.value(program, (c) => (code = c))
    if (names.length === 1) throw result.reason
    process.stderr.write(`switchboard: the ${names[i]} command cannot load (${(result.reason as Error).message})\n`)
  })
  program.commands.forEach((command) => command.exitOverride())
  try {
    await program.parseAsync(argv)
    return code
  } catch (error) {
    if (error instanceof CommanderError) return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2
    if (error instanceof UsageError) {
      process.stderr.write(`switchboard: ${error.message}\n`)
      return 2
    }
    throw error
  }
}
