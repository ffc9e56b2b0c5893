/**
 * The Explorer's logic, free of React: the file list, the open flow sessions (one per tab) and the
 * file operations (new from a template, rename, duplicate, delete), kept in step with the disk
 * through the server's file-changed events.
 */
import type { Store } from '../state/store.ts'
import { workbenchActions, type WorkbenchState } from '../state/workbench-state.ts'
import { openFlowSession, type FlowSession, type SessionOptions } from './flow-session.ts'
import type { WorkspaceApi } from './workspace-api.ts'

export interface WorkspaceModel {
  api: WorkspaceApi
  session(path: string | undefined): FlowSession | undefined
  refresh(): Promise<void>
  open(path: string): Promise<void>
  close(path: string): Promise<void>
  create(name: string, template: string): Promise<string>
  rename(from: string, to: string): Promise<void>
  duplicate(from: string): Promise<string>
  remove(path: string): Promise<void>
  /** Follows the disk; returns a function that stops. */
  watch(): () => void
  /** Subscribes to sessions being opened and closed. */
  subscribe(listener: () => void): () => void
}

/** A file name for a flow named by the user: "Order bot" → order-bot.flow.json. */
export function flowFileName(name: string): string {
  const base = name.trim().toLowerCase().replace(/\.flow\.json$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  return `${base || 'flow'}.flow.json`
}

/** The first "name-copy", "name-copy-2"… not taken. */
export function copyName(path: string, taken: Set<string>): string {
  const stem = path.replace(/\.flow\.json$/, '')
  for (let n = 1; ; n++) {
    const candidate = `${stem}-copy${n === 1 ? '' : `-${n}`}.flow.json`
    if (!taken.has(candidate)) return candidate
  }
}

export function createWorkspaceModel(api: WorkspaceApi, store: Store<WorkbenchState>, options: SessionOptions = {}): WorkspaceModel {
  const act = workbenchActions(store)
  const sessions = new Map<string, FlowSession>()
  const opening = new Map<string, Promise<FlowSession>>()
  const listeners = new Set<() => void>()
  const notify = () => listeners.forEach((listener) => listener())
  const log = options.log ?? act.log
  const fail = (what: string) => (error: unknown) => {
    log(`${what}: ${(error as Error).message}`)
    throw error
  }

  const model: WorkspaceModel = {
    api,
    session: (path) => (path ? sessions.get(path) : undefined),
    async refresh() {
      const { files, templates } = await api.list()
      store.set({ files: files.sort((a, b) => a.path.localeCompare(b.path)), templates })
    },
    async open(path) {
      if (!sessions.has(path)) {
        let pending = opening.get(path)
        if (!pending) {
          pending = openFlowSession(api, path, { ...options, log })
          opening.set(path, pending)
        }
        try {
          const session = await pending
          if (!sessions.has(path)) {
            sessions.set(path, session)
            notify()
          }
        } catch (error) {
          return fail(`Cannot open ${path}`)(error)
        } finally {
          opening.delete(path)
        }
      }
      act.openTab(path)
    },
    async close(path) {
      const session = sessions.get(path)
      act.closeTab(path)
      if (!session) return
      await session.flush()
      session.dispose()
      sessions.delete(path)
      notify()
    },
    async create(name, template) {
      const path = flowFileName(name)
      await api.create(path, template, name.trim() || undefined).catch(fail(`Cannot create ${path}`))
      log(`Created ${path} from the ${template} template.`)
      await model.refresh()
      await model.open(path)
      return path
    },
    async rename(from, to) {
      const target = to.endsWith('.json') ? to : flowFileName(to)
      if (target === from) return
      await sessions.get(from)?.flush()
      await api.rename(from, target).catch(fail(`Cannot rename ${from}`))
      const session = sessions.get(from)
      if (session) {
        sessions.delete(from)
        sessions.set(target, session)
        session.renamed(target)
        act.renameTab(from, target)
        notify()
      }
      log(`Renamed ${from} to ${target}.`)
      await model.refresh()
    },
    async duplicate(from) {
      await sessions.get(from)?.flush()
      const to = copyName(from, new Set(store.get().files.map((f) => f.path)))
      await api.duplicate(from, to).catch(fail(`Cannot duplicate ${from}`))
      log(`Duplicated ${from} as ${to}.`)
      await model.refresh()
      return to
    },
    async remove(path) {
      await api.remove(path).catch(fail(`Cannot delete ${path}`))
      const session = sessions.get(path)
      act.closeTab(path)
      if (session) {
        session.dispose()
        sessions.delete(path)
        notify()
      }
      log(`Deleted ${path}.`)
      await model.refresh()
    },
    watch() {
      let refreshing: ReturnType<typeof setTimeout> | undefined
      return api.watch(
        (path) => {
          void sessions.get(path)?.externalChange()
          clearTimeout(refreshing)
          refreshing = setTimeout(() => void model.refresh().catch(() => {}), 150)
        },
        (connected) => {
          store.set({ connection: connected ? 'connected' : 'offline' })
          if (connected) void model.refresh().catch(() => {})
        },
      )
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return model
}
