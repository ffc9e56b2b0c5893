/** `switchboard test <file|dir>... [--update]`: replay conversation transcripts against their flows. */
import { existsSync, statSync } from 'node:fs'
import { describeMismatch } from '../transcripts/format.ts'
import { runTranscriptFile, TranscriptError, transcriptsOfFlow, updateTranscriptFile } from '../transcripts/files.ts'
import { expandPaths, UsageError, type AddCommand } from './command.ts'

const help = `
A folder runs its *.transcript.json files (top level only); a flow file runs the transcripts
that sort next to it (<name>.flow.json -> <name>.*.transcript.json).
Each transcript prints one line, ✓ or ✗, and a failure shows its first difference as a chat
diff (- expected, + got). --update rewrites failing transcripts with what the flow now does,
one turn per line; turns that still match are kept as written.

Exit status: 0 all passed (or updated), 1 a transcript failed or could not run, 2 usage error.`

/** The transcript files the arguments stand for. */
export function transcriptFiles(paths: string[]): string[] {
  return paths.flatMap((path) => {
    if (!existsSync(path) || statSync(path).isDirectory() || !path.endsWith('.flow.json')) return expandPaths([path], '.transcript.json')
    const files = transcriptsOfFlow(path)
    if (!files.length) throw new UsageError(`no transcripts next to ${path} (expected ${path.replace(/\.flow\.json$/, '')}.*.transcript.json)`)
    return files
  })
}

export const addTest: AddCommand = (program, exit) => {
  program
    .command('test')
    .description('run conversation tests (transcripts) against their flows')
    .argument('<paths...>', 'transcript files, flow files, or folders')
    .option('--update', 'rewrite failing transcripts with what the flow now does')
    .addHelpText('after', help)
    .action((paths: string[], options: { update?: boolean }) => {
      const files = transcriptFiles(paths)
      let failed = 0
      for (const file of files) {
        try {
          const run = runTranscriptFile(file)
          if (run.ok) process.stdout.write(`✓ ${file}\n`)
          else if (options.update) {
            updateTranscriptFile(file, run)
            process.stdout.write(`↻ ${file} (updated)\n`)
          } else {
            failed += 1
            process.stdout.write(`✗ ${file}\n${describeMismatch(run.mismatches[0])}\n`)
            if (run.mismatches.length > 1) process.stdout.write(`    (${run.mismatches.length - 1} more difference${run.mismatches.length > 2 ? 's' : ''})\n`)
          }
        } catch (error) {
          if (!(error instanceof TranscriptError)) throw error
          failed += 1
          process.stdout.write(`✗ ${file}\n    ${error.message}\n`)
        }
      }
      process.stderr.write(`${files.length} transcript${files.length === 1 ? '' : 's'}, ${failed} failed\n`)
      exit(failed ? 1 : 0)
    })
}
