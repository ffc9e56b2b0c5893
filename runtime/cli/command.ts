/** What every CLI command file shares: how it registers, and the usage error (exit 2). */
import type { Command } from 'commander'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Adds one command to the program; the command reports its exit code through `exit`. */
export type AddCommand = (program: Command, exit: (code: number) => void) => void

/** The user asked for something that cannot be done as asked: a missing file, a bad value. Exit 2. */
export class UsageError extends Error {}

/**
 * Files named on the command line, folders expanded to their files ending in `suffix` (top level
 * only, sorted). A missing path, or a folder with none, is a usage error.
 */
export function expandPaths(paths: string[], suffix: string): string[] {
  return paths.flatMap((path) => {
    if (!existsSync(path)) throw new UsageError(`no such file or folder: ${path}`)
    if (!statSync(path).isDirectory()) return [path]
    const files = readdirSync(path)
      .filter((name) => name.endsWith(suffix))
      .sort()
      .map((name) => join(path, name))
    if (!files.length) throw new UsageError(`no *${suffix} files in ${path}`)
    return files
  })
}
