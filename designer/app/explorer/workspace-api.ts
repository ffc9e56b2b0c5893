/**
 * The designer server's workspace file API (designer/server/server.ts), as the page calls it: the
 * token comes from <meta name="switchboard-token">; errors carry the server's plain message.
 */
import type { Template, WorkspaceFile } from '../state/workbench-state.ts'

export interface WorkspaceApi {
  list(): Promise<{ files: WorkspaceFile[]; templates: Template[] }>
  read(path: string): Promise<string>
  write(path: string, text: string): Promise<void>
  remove(path: string): Promise<void>
  rename(from: string, to: string): Promise<void>
  duplicate(from: string, to: string): Promise<void>
  create(path: string, template: string, name?: string): Promise<void>
  /** Follows file changes on disk; `status` reports the connection. Returns a function that stops. */
  watch(onChange: (path: string) => void, status: (connected: boolean) => void): () => void
}

export class ApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message)
  }
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/')

export function pageToken(doc: Document = document): string {
  return doc.querySelector<HTMLMetaElement>('meta[name="switchboard-token"]')?.content ?? ''
}

export function createWorkspaceApi(token: string, base = ''): WorkspaceApi {
  async function call(method: string, path: string, body?: string): Promise<Response> {
    const response = await fetch(`${base}/api/${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body !== undefined && { 'Content-Type': 'text/plain' }) }, body })
    if (!response.ok) {
      let message = `${method} ${path} failed (${response.status})`
      try {
        message = ((await response.json()) as { message?: string }).message ?? message
      } catch {
        // not JSON: keep the status line
      }
      throw new ApiError(message, response.status)
    }
    return response
  }
  const post = (what: string, body: object) => call('POST', what, JSON.stringify(body)).then(() => undefined)
  return {
    list: async () => (await call('GET', 'files')).json(),
    read: async (path) => (await call('GET', `files/${encodePath(path)}`)).text(),
    write: (path, text) => call('PUT', `files/${encodePath(path)}`, text).then(() => undefined),
    remove: (path) => call('DELETE', `files/${encodePath(path)}`).then(() => undefined),
    rename: (from, to) => post('rename', { from, to }),
    duplicate: (from, to) => post('duplicate', { from, to }),
    create: (path, template, name) => post('new', { path, template, name }),
    watch(onChange, status) {
      if (typeof EventSource === 'undefined') return () => {}
      const source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`)
      source.addEventListener('open', () => status(true))
      source.addEventListener('error', () => status(false))
      source.addEventListener('file-changed', (event) => {
        try {
          onChange((JSON.parse((event as MessageEvent).data) as { path: string }).path)
        } catch {
          // a malformed event is ignored
        }
      })
      return () => source.close()
    },
  }
}
