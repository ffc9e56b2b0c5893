/** `switchboard serve [--flows DIR] [--port N] [--store …]`: the runtime, until Ctrl+C. */
import { existsSync } from 'node:fs'
import { UsageError, type AddCommand } from './command.ts'
import { loadConfig } from '../server/config.ts'
import { startRuntime, UsageError as RuntimeUsageError } from '../server/runtime.ts'

const help = `
Flows: every *.flow.json in --flows is validated and deployed, and redeployed when it changes;
a file that does not validate is refused and the last good version keeps serving.
Stores: memory (nothing kept), sqlite:PATH (default sqlite:.switchboard/switchboard.db),
redis://HOST:PORT[/DB][?prefix=P] (several runtimes may share one; keys under P, default switchboard:).
Environment: SWITCHBOARD_TOKEN (API bearer token; one is made and printed when unset),
WHATSAPP_VERIFY_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_ACCESS_TOKEN, WHATSAPP_API_URL,
TWILIO_AUTH_TOKEN, SWITCHBOARD_PUBLIC_URL, SWITCHBOARD_HTTP_ALLOW (hosts the http node may call
although private or loopback, comma-separated).`

export const addServe: AddCommand = (program) => {
  program
    .command('serve')
    .description('run flows on WhatsApp, voice and web chat')
    .option('--flows <dir>', 'folder of *.flow.json files to deploy and watch')
    .option('--port <n>', 'port to listen on', '3000')
    .option('--host <address>', 'interface to bind (default: all)')
    .option('--store <store>', 'memory | sqlite:PATH | redis://HOST:PORT')
    .addHelpText('after', help)
    .action(async (options: { flows?: string; port: string; host?: string; store?: string }) => {
      const port = Number(options.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not '${options.port}'`)
      if (options.flows && !existsSync(options.flows)) throw new UsageError(`no such folder: ${options.flows}`)
      const config = loadConfig({ port, host: options.host, flows: options.flows, store: options.store })
      let runtime
      try {
        runtime = await startRuntime(config)
      } catch (error) {
        if (error instanceof RuntimeUsageError) throw new UsageError(error.message)
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`port ${port} is already in use; pick another with --port`)
        throw error
      }
      const flows = runtime.catalog.list()
      process.stdout.write(`Switchboard runtime on ${runtime.url} (${flows.length} flow${flows.length === 1 ? '' : 's'}: ${flows.map((f) => `${f.id} v${f.version}`).join(', ') || 'none'})\n`)
      process.stdout.write(`  web chat demo  ${runtime.url}/webchat/demo\n  health         ${runtime.url}/healthz\n`)
      if (config.tokenGenerated) process.stdout.write(`  API token      ${config.token}  (set SWITCHBOARD_TOKEN to choose your own)\n`)
      await new Promise<void>((resolve) => {
        const stop = () => resolve()
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
      await runtime.close()
    })
}
