/**
 * The designer's workspace: a folder of flow files (and their transcripts and comments). Files are
 * the truth: writes are atomic (temp file + rename) and flows are pretty-printed in canonical key
 * order so git diffs stay small. A path can never leave the folder.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { randomBytes } from 'node:crypto'
import { formatFlow } from '../../schemas/format.ts'
import type { Flow } from '../../schemas/nodes/step.ts'

export class WorkspaceError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}

export interface WorkspaceFile {
  path: string
  kind: 'flow' | 'transcript' | 'other'
  size: number
  modified: number
  /** The flow's id and name, when the file is a readable flow. */
  id?: string
  name?: string
}

const allowed = /^(?:[A-Za-z0-9][A-Za-z0-9._-]*\/)*[A-Za-z0-9][A-Za-z0-9._-]*\.json$/

export function createWorkspace(root: string) {
  const base = realpathSync(resolve(root))

  /** The absolute path of a workspace file; refuses anything that could leave the folder. */
  function locate(path: string): string {
    let decoded = path
    try {
      decoded = decodeURIComponent(path)
    } catch {
      throw new WorkspaceError(`Not a valid file name: ${path}`, 400)
    }
    if (!allowed.test(decoded) || decoded.split('/').some((part) => part === '..' || part === '.')) throw new WorkspaceError(`Not a workspace file name: ${path}`, 400)
    const full = resolve(base, decoded)
    if (!full.startsWith(base + sep)) throw new WorkspaceError(`Outside the workspace: ${path}`, 400)
    if (existsSync(full) && !realpathSync(full).startsWith(base + sep)) throw new WorkspaceError(`Outside the workspace: ${path}`, 400)
    return full
  }

  const kindOf = (path: string): WorkspaceFile['kind'] => (path.endsWith('.flow.json') ? 'flow' : path.endsWith('.transcript.json') ? 'transcript' : 'other')

  function list(dir = base): WorkspaceFile[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = join(dir, entry.name)
      if (entry.isDirectory()) return entry.name.startsWith('.') || entry.name === 'node_modules' ? [] : list(full)
      if (!entry.name.endsWith('.json')) return []
      const path = relative(base, full).split(sep).join('/')
      const stat = statSync(full)
      const file: WorkspaceFile = { path, kind: kindOf(path), size: stat.size, modified: stat.mtimeMs }
      if (file.kind === 'flow') {
        try {
          const flow = JSON.parse(readFileSync(full, 'utf8')) as Partial<Flow>
          if (typeof flow.id === 'string') file.id = flow.id
          if (typeof flow.name === 'string') file.name = flow.name
        } catch {
          // an unreadable flow is still listed, so it can be opened and repaired
        }
      }
      return [file]
    })
  }

  /** Writes atomically; a flow that parses is written in canonical form. Returns the text written. */
  function write(path: string, text: string): string {
    const full = locate(path)
    let output = text
    if (path.endsWith('.flow.json')) {
      try {
        output = formatFlow(JSON.parse(text) as Flow)
      } catch {
        // invalid JSON is kept as typed: the designer never destroys a file it cannot parse
      }
    }
    mkdirSync(dirname(full), { recursive: true })
    const temp = `${full}.${randomBytes(4).toString('hex')}.tmp`
    writeFileSync(temp, output)
    renameSync(temp, full)
    return output
  }

  function read(path: string): string {
    const full = locate(path)
    if (!existsSync(full)) throw new WorkspaceError(`No such file: ${path}`, 404)
    return readFileSync(full, 'utf8')
  }

  function remove(path: string): void {
    const full = locate(path)
    if (!existsSync(full)) throw new WorkspaceError(`No such file: ${path}`, 404)
    unlinkSync(full)
  }

  function rename(from: string, to: string): void {
    const source = locate(from)
    const target = locate(to)
    if (!existsSync(source)) throw new WorkspaceError(`No such file: ${from}`, 404)
    if (existsSync(target)) throw new WorkspaceError(`A file named ${to} already exists`, 409)
    renameSync(source, target)
  }

  return { root: base, locate, list, read, write, remove, rename, exists: (path: string) => existsSync(locate(path)) }
}

export type Workspace = ReturnType<typeof createWorkspace>
