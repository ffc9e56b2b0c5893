/**
 * `switchboard <command>`: commander wiring and exit codes (DESIGN "Contracts"): 0 fine,
 * 1 problems found, 2 usage error. Each command lives in its own file; adding one is one line in
 * `commands` below. Users never see a stack trace: errors become one line.
 */
import { Command, CommanderError } from 'commander'
import { UsageError, type AddCommand } from './command.ts'
import { addValidate } from './validate.ts'
import { addTest } from './test.ts'
import { addChat } from './chat.ts'

export const commands: AddCommand[] = [addValidate, addTest, addChat]

/** Runs the CLI with process.argv-style arguments; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let code = 0
  const program = new Command('switchboard')
    .description('Design, test and run customer conversations (WhatsApp, voice IVR, web chat).')
    .exitOverride()
    .showHelpAfterError('(run switchboard help for the commands)')
  for (const add of commands) add(program, (c) => (code = c))
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
