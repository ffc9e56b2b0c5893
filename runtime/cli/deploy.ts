/** `switchboard deploy <file> --to URL [--token T]`: validate locally, then POST to a runtime's /api/flows. */
import { readFileSync } from 'node:fs'
import { validateText } from '../../schemas/validate.ts'
import { UsageError, type AddCommand } from './command.ts'
import { formatProblem } from './validate.ts'

export const addDeploy: AddCommand = (program, exit) => {
  program
    .command('deploy')
    .description('deploy a flow file to a running runtime')
    .argument('<file>', 'the flow file')
    .requiredOption('--to <url>', 'the runtime, e.g. http://localhost:3000')
    .option('--token <token>', 'API token (default: $SWITCHBOARD_TOKEN)')
    .action(async (file: string, options: { to: string; token?: string }) => {
      let text: string
      try {
        text = readFileSync(file, 'utf8')
      } catch {
        throw new UsageError(`no such file: ${file}`)
      }
      const token = options.token ?? process.env.SWITCHBOARD_TOKEN
      if (!token) throw new UsageError('no token: pass --token or set SWITCHBOARD_TOKEN')
      const { flow, problems } = validateText(text)
      const errors = problems.filter((p) => p.severity === 'error')
      if (!flow || errors.length) {
        for (const p of errors) process.stdout.write(`${formatProblem({ file, ...p })}\n`)
        process.stderr.write(`not deployed: ${file} has ${errors.length} error${errors.length === 1 ? '' : 's'}\n`)
        return exit(1)
      }
      let response: Response
      try {
        response = await fetch(`${options.to.replace(/\/$/, '')}/api/flows`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: text,
        })
      } catch (error) {
        process.stderr.write(`cannot reach ${options.to}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}\n`)
        return exit(1)
      }
      const body = (await response.json().catch(() => ({}))) as { id?: string; version?: number; unchanged?: boolean; message?: string; problems?: { pointer: string; code: string; message: string; severity: 'error' }[] }
      if (response.ok) {
        process.stdout.write(body.unchanged ? `${body.id} v${body.version} is already deployed (unchanged)\n` : `deployed ${body.id} v${body.version} to ${options.to}\n`)
        return exit(0)
      }
      for (const p of body.problems ?? []) process.stdout.write(`${formatProblem({ file, ...p })}\n`)
      process.stderr.write(`refused by ${options.to} (${response.status}): ${body.message ?? response.statusText}\n`)
      exit(1)
    })
}
