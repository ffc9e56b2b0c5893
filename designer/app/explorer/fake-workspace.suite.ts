/** An in-memory workspace API for tests: files in a Map, writes canonical like the server's, a log of calls. */
import { formatFlow } from '../../../schemas/format.ts'
import type { Flow } from '../../../schemas/nodes/step.ts'
import type { WorkspaceApi } from './workspace-api.ts'

export function fakeWorkspace(initial: Record<string, string>) {
  const files = new Map(Object.entries(initial))
  const writes: { path: string; text: string }[] = []
  let onChange: (path: string) => void = () => {}
  const canonical = (path: string, text: string) => {
    if (!path.endsWith('.flow.json')) return text
    try {
      return formatFlow(JSON.parse(text) as Flow)
    } catch {
      return text
    }
  }
  const nameOf = (text: string) => {
    try {
      const { name } = JSON.parse(text) as { name?: string }
      return typeof name === 'string' ? { name } : {}
    } catch {
      return {}
    }
  }
  const missing = (path: string) => Object.assign(new Error(`No such file: ${path}`), { status: 404 })
  const api: WorkspaceApi = {
    list: async () => ({
      files: [...files.keys()].map((path) => ({ path, kind: path.endsWith('.flow.json') ? 'flow' : path.endsWith('.transcript.json') ? 'transcript' : 'other', size: files.get(path)!.length, modified: 0, ...nameOf(files.get(path)!) })),
      templates: [{ id: 'blank', title: 'Blank flow' }],
    }),
    read: async (path) => {
      if (!files.has(path)) throw missing(path)
      return files.get(path)!
    },
    write: async (path, text) => {
      writes.push({ path, text })
      files.set(path, canonical(path, text))
    },
    remove: async (path) => {
      if (!files.delete(path)) throw missing(path)
    },
    rename: async (from, to) => {
      if (!files.has(from)) throw missing(from)
      files.set(to, files.get(from)!)
      files.delete(from)
    },
    duplicate: async (from, to) => {
      files.set(to, files.get(from)!)
    },
    create: async (path, _template, name) => {
      files.set(path, formatFlow({ id: path.replace('.flow.json', ''), name: name ?? path, version: 1, channels: ['webchat'], languages: ['en'], defaultLanguage: 'en', start: 'end', nodes: [{ id: 'end', type: 'end' }] } as unknown as Flow))
    },
    watch(change, status) {
      onChange = change
      status(true)
      return () => {}
    },
  }
  return {
    api,
    files,
    writes,
    /** Someone else changes a file on disk. */
    changeOnDisk(path: string, text: string) {
      files.set(path, text)
      onChange(path)
    },
  }
}
