#!/usr/bin/env node
// Launcher for `npx switchboard`: registers tsx so the TypeScript sources run as they are, then hands
// over to runtime/cli/main.ts. A user never sees a stack trace: anything that escapes is one line.
import { register } from 'tsx/esm/api'

register()
try {
  const { main } = await import('../runtime/cli/main.ts')
  process.exitCode = await main(process.argv)
} catch (error) {
  process.stderr.write(`switchboard: ${error instanceof Error ? error.message : String(error)}\n`)
  if (process.env.SWITCHBOARD_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
  process.exitCode = 1
}
