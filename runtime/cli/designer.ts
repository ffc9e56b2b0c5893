/** `switchboard designer [--workspace DIR] [--port N]`: the designer web app on a folder of flows, until Ctrl+C. */
import { existsSync, statSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { UsageError, type AddCommand } from './command.ts'
import { startDesigner, type Designer } from '../../designer/server/server.ts'
import { ensureDesignerBuilt } from '../../designer/build.ts'

export interface LaunchOptions {
  workspace: string
  port: number
  host?: string
  token: string
  runtimeUrl?: string
  say?: (line: string) => void
}

/** Checks a --port value. */
export function parsePort(value: string, flag = '--port'): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${flag} must be a number from 0 to 65535, not '${value}'`)
  return port
}

/** The token the browser and the APIs share: SWITCHBOARD_TOKEN, or one made now (and printed by the caller). */
export function accessToken(env: NodeJS.ProcessEnv = process.env): { token: string; generated: boolean } {
  return env.SWITCHBOARD_TOKEN ? { token: env.SWITCHBOARD_TOKEN, generated: false } : { token: randomBytes(18).toString('base64url'), generated: true }
}

/** Builds the web app if designer/dist is missing or older than its sources ("building the designer…"). */
export const prepareDesigner = (say: (line: string) => void) => ensureDesignerBuilt(say)

/** Builds the web app if it is missing or stale, then serves it on the workspace. */
export async function launchDesigner(options: LaunchOptions): Promise<Designer> {
  if (!existsSync(options.workspace) || !statSync(options.workspace).isDirectory()) throw new UsageError(`no such folder: ${options.workspace}`)
  await ensureDesignerBuilt(options.say ?? ((line) => process.stdout.write(`${line}\n`)))
  try {
    return await startDesigner({ workspace: options.workspace, port: options.port, host: options.host, token: options.token, runtimeUrl: options.runtimeUrl })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`port ${options.port} is already in use; pick another with --port`)
    throw error
  }
}

export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
}

export const addDesigner: AddCommand = (program) => {
  program
    .command('designer')
    .description('draw, check and try flows in the browser (the designer web app)')
    .option('--workspace <dir>', 'folder of *.flow.json files to edit', '.')
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <address>', 'interface to bind (default: all)')
    .option('--runtime <url>', 'runtime the Deploy view sends flows to')
    .addHelpText('after', '\nEnvironment: SWITCHBOARD_TOKEN (the access token; one is made and printed when unset).')
    .action(async (options: { workspace: string; port: string; host?: string; runtime?: string }) => {
      const port = parsePort(options.port)
      const { token, generated } = accessToken()
      const designer = await launchDesigner({ workspace: options.workspace, port, host: options.host, token, runtimeUrl: options.runtime })
      process.stdout.write(`Switchboard designer on ${designer.url} (workspace ${designer.workspace.root})\n`)
      if (generated) process.stdout.write(`  access token   ${token}  (set SWITCHBOARD_TOKEN to choose your own)\n`)
      await untilStopped()
      await designer.close()
    })
}
