/**
 * The deployed flows: every version kept, one active per flow id, and channel routing.
 * A deploy is validated whole and refused whole; the previous active version keeps serving.
 * Conversations pin the version they started on (session.flowVersion), so lookups take a version.
 */
import type { ChannelName, Flow } from '../../schemas/nodes/step.ts'
import { hasErrors, validateFlow, type Problem } from '../../schemas/validate.ts'
import type { FlowVersionRecord, Store } from './store.ts'

export type DeployResult =
  | { ok: true; id: string; version: number; unchanged: boolean }
  | { ok: false; id?: string; problems: Problem[] }

/** Content identity of a flow, ignoring the version number the runtime assigns. */
const fingerprint = (flow: Flow) => JSON.stringify({ ...flow, version: 0 })

/**
 * `changed` hears every deploy and rollback this catalog makes (not reloads): several runtimes on one
 * store announce them to each other, and each reloads (see runtime/server/runtime.ts).
 */
export function createCatalog(store: Store, clock: () => number = Date.now, changed: (id: string) => void = () => {}) {
  const byId = new Map<string, FlowVersionRecord[]>()

  const active = (id: string) => byId.get(id)?.find((r) => r.active)

  /** (Re)reads every version from the store; routing goes on from the old map until the new one is complete. */
  async function load() {
    const records = await store.flowVersions()
    byId.clear()
    for (const record of records) byId.set(record.id, [...(byId.get(record.id) ?? []), record])
  }

  async function deploy(candidate: unknown, source: string): Promise<DeployResult> {
    const problems = validateFlow(candidate)
    const id = typeof (candidate as Flow)?.id === 'string' ? (candidate as Flow).id : undefined
    if (hasErrors(problems)) return { ok: false, ...(id && { id }), problems: problems.filter((p) => p.severity === 'error') }
    const flow = candidate as Flow
    const current = active(flow.id)
    if (current && fingerprint(current.flow) === fingerprint(flow)) return { ok: true, id: flow.id, version: current.version, unchanged: true }
    const versions = byId.get(flow.id) ?? []
    const version = Math.max(0, ...versions.map((v) => v.version)) + 1
    const record: FlowVersionRecord = { id: flow.id, version, flow: { ...flow, version }, deployedAt: clock(), source, active: true }
    await store.saveFlowVersion({ ...record, active: false })
    await store.setActiveVersion(flow.id, version)
    for (const v of versions) v.active = false
    byId.set(flow.id, [...versions, record])
    changed(flow.id)
    return { ok: true, id: flow.id, version, unchanged: false }
  }

  /** Makes an earlier version active again: the given one, or the one before the active one. */
  async function rollback(id: string, version?: number): Promise<FlowVersionRecord | undefined> {
    const versions = byId.get(id)
    const current = active(id)
    if (!versions || !current) return undefined
    const target = version === undefined ? [...versions].reverse().find((v) => v.version < current.version) : versions.find((v) => v.version === version)
    if (!target) return undefined
    await store.setActiveVersion(id, target.version)
    for (const v of versions) v.active = v === target
    changed(id)
    return target
  }

  /** The flow a new conversation on this channel address starts: bound explicitly, bound by '*', or the only/first flow for the channel. */
  function route(channel: ChannelName, address: string): Flow | undefined {
    const flows = [...byId.keys()].sort().map((id) => active(id)!.flow).filter((f) => f.channels.includes(channel) && !f.proactive)
    const bound = (f: Flow) => f.bindings?.[channel]
    if (flows.some((f) => bound(f)?.length)) return flows.find((f) => bound(f)?.includes(address)) ?? flows.find((f) => bound(f)?.includes('*'))
    return flows[0]
  }

  return {
    load,
    deploy,
    rollback,
    route,
    /** The active version of a flow. */
    active: (id: string) => active(id)?.flow,
    /** A given version (for conversations pinned to it), else the active one. */
    get: (id: string, version?: number) => (version === undefined ? active(id) : byId.get(id)?.find((v) => v.version === version))?.flow,
    versions: (id: string) => byId.get(id) ?? [],
    list: () => [...byId.keys()].sort().map((id) => active(id)!),
  }
}

export type Catalog = ReturnType<typeof createCatalog>
