/** `switchboard validate <file|dir>... [--json]`: schema and lint problems of flow files. */
import { readFileSync } from 'node:fs'
import { validateText, type Problem } from '../../schemas/validate.ts'
import { expandPaths, type AddCommand } from './command.ts'

export interface FileProblem {
  file: string
  code: string
  severity: Problem['severity']
  pointer: string
  message: string
  node?: string
}

const help = `
Folders are expanded to their *.flow.json files (top level only).
Each problem is printed as  file: /json/pointer: CODE message  ("/" is the whole file;
warnings and notes end in "(warning)" / "(info)"). A summary goes to stderr.

Exit status: 0 no errors (warnings alone do not fail), 1 at least one error,
2 usage error (unknown option, no such file).`

/** Every problem of the given files (a file that cannot be read is one problem). */
export function validateFiles(files: string[]): FileProblem[] {
  return files.flatMap((file) => {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (error) {
      return [{ file, code: 'READ', severity: 'error' as const, pointer: '', message: `Cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})` }]
    }
    return validateText(text).problems.map((p) => ({ file, code: p.code, severity: p.severity, pointer: p.pointer, message: p.message, ...(p.node && { node: p.node }) }))
  })
}

export function formatProblem(p: FileProblem): string {
  const suffix = p.severity === 'error' ? '' : ` (${p.severity})`
  return `${p.file}: ${p.pointer || '/'}: ${p.code} ${p.message}${suffix}`
}

function summary(files: number, problems: FileProblem[]): string {
  const count = (severity: Problem['severity']) => problems.filter((p) => p.severity === severity).length
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const infos = count('info')
  return [plural(files, 'file'), plural(count('error'), 'error'), plural(count('warning'), 'warning'), ...(infos ? [plural(infos, 'note')] : [])].join(', ')
}

export const addValidate: AddCommand = (program, exit) => {
  program
    .command('validate')
    .description('check flow files against the schema and the lint rules')
    .argument('<paths...>', 'flow files, or folders of *.flow.json files')
    .option('--json', 'print the problems as a JSON array of {file, code, severity, pointer, message, node}')
    .addHelpText('after', help)
    .action((paths: string[], options: { json?: boolean }) => {
      const files = expandPaths(paths, '.flow.json')
      const problems = validateFiles(files)
      if (options.json) process.stdout.write(`${JSON.stringify(problems, null, 2)}\n`)
      else for (const problem of problems) process.stdout.write(`${formatProblem(problem)}\n`)
      process.stderr.write(`${summary(files.length, problems)}\n`)
      exit(problems.some((p) => p.severity === 'error') ? 1 : 0)
    })
}
