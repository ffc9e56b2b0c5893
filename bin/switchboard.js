#!/usr/bin/env node
// Launcher for `npx switchboard`: registers tsx so the TypeScript sources run as they are, then hands
// over to runtime/cli/main.ts. A user never sees a stack trace: anything that escapes is one line
// (SWITCHBOARD_DEBUG=1 adds the stack, for bug reports).
import { register } from 'tsx/esm/api'

const fail = (error) => {
  process.stderr.write(`switchboard: ${error instanceof Error ? error.message : String(error)}\n`)
  if (process.env.SWITCHBOARD_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
  process.exit(1)
}
process.on('uncaughtException', fail)
process.on('unhandledRejection', fail)
// `switchboard validate examples | head -1` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => (error.code === 'EPIPE' ? process.exit(process.exitCode ?? 0) : fail(error)))

register()
try {
  const { main } = await import('../runtime/cli/main.ts')
  process.exitCode = await main(process.argv)
} catch (error) {
  fail(error)
}
