/**
 * `switchboard start`: what `npm start` runs. The runtime serving the workspace's flows and the
 * designer editing them, in one process, sharing one token; the designer's Deploy view points at
 * the runtime. Defaults: the designer on :8080, the runtime on :3000.
 */
import { existsSync } from 'node:fs'
import { UsageError, type AddCommand } from './command.ts'
import { loadConfig } from '../server/config.ts'
import { startRuntime, UsageError as RuntimeUsageError } from '../server/runtime.ts'
import { accessToken, launchDesigner, parsePort, prepareDesigner, untilStopped } from './designer.ts'

export const addStart: AddCommand = (program) => {
  program
    .command('start')
    .description('the designer and the runtime together, on one folder of flows')
    .option('--workspace <dir>', 'folder of *.flow.json files to edit and serve', 'examples')
    .option('--port <n>', 'designer port', '8080')
    .option('--runtime-port <n>', 'runtime port', '3000')
    .option('--host <address>', 'interface to bind (default: all)')
    .option('--store <store>', 'runtime store: memory | sqlite:PATH | redis://HOST:PORT')
    .action(async (options: { workspace: string; port: string; runtimePort: string; host?: string; store?: string }) => {
      const port = parsePort(options.port)
      if (!existsSync(options.workspace)) throw new UsageError(`no such folder: ${options.workspace}`)
      const runtimePort = parsePort(options.runtimePort, '--runtime-port')
      const { token, generated } = accessToken()
      const config = { ...loadConfig({ port: runtimePort, host: options.host, flows: options.workspace, store: options.store }), token }
      const say = (line: string) => process.stdout.write(`${line}\n`)
      // Build first: a build that fails leaves nothing running.
      await prepareDesigner(say)
      let runtime
      try {
        runtime = await startRuntime(config)
      } catch (error) {
        if (error instanceof RuntimeUsageError) throw new UsageError(error.message)
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`port ${runtimePort} is already in use; pick another with --runtime-port`)
        throw error
      }
      let designer
      try {
        designer = await launchDesigner({ workspace: options.workspace, port, host: options.host, token, say, runtimeUrl: runtime.url })
      } catch (error) {
        await runtime.close()
        throw error
      }
      const flows = runtime.catalog.list()
      say(`Switchboard designer on ${designer.url} (workspace ${designer.workspace.root})`)
      say(`Switchboard runtime  on ${runtime.url} (${flows.length} flow${flows.length === 1 ? '' : 's'}: ${flows.map((f) => `${f.id} v${f.version}`).join(', ') || 'none'})`)
      say(`  web chat demo  ${runtime.url}/webchat/demo\n  health         ${runtime.url}/healthz`)
      if (generated) say(`  access token   ${token}  (the designer and the runtime API share it; set SWITCHBOARD_TOKEN to choose your own)`)
      await untilStopped()
      await designer.close()
      await runtime.close()
    })
}
