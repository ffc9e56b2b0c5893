/**
 * The Redis store: for scale-out, several runtimes (on several machines) sharing one Redis, on ioredis 5.
 *
 * Every write that must be atomic is one Lua script (a script runs alone: no other client's command
 * runs in between, so its checks and writes are one step). A commit checks the session's seq
 * (optimistic concurrency, Commit.expectedSeq) and the inbound message's processed mark before it
 * writes anything, and everything it writes is serialised to strings in the caller first, so a value
 * JSON cannot store fails the commit before any command is sent. No JSON is parsed or built in Lua
 * (cjson turns an empty array into an object): every record is stored as the caller's JSON text.
 *
 * Durability is Redis's: with `appendonly yes` and `appendfsync always` a write is on disk before its
 * reply, so "persisted before acknowledged" holds as with SQLite; with `everysec` (Redis's default
 * when AOF is on) a crash of the Redis host can lose the last second. All commands of one store go
 * over one connection in call order, and Redis runs them in that order, so writes issued together
 * keep their order (accept, commit, mark sent) without batching of our own; Redis fsyncs once per
 * round of its event loop, which is a group commit.
 *
 * Keys, all under the prefix (default `switchboard:`, or `?prefix=` in the URL), so several
 * deployments or tests can share one server:
 *   in (hash id → InboundRecord JSON), in:at (hash id → receivedAt), in:pending (zset by arrival),
 *   in:done (zset by receivedAt), order (counter for arrival order),
 *   session / session:seq / session:ref (hashes by conversation key), session:open (zset by last write),
 *   out:<id> (hash: rec, status, attempts, providerId, error, ord), out:pending (zset by ord),
 *   status:<providerId> (list), timer (hash key\0timer → TimerRecord JSON), timer:at (zset by due time),
 *   transcript:<key> (list), contact (hash channel:id → JSON),
 *   flow (hash id\0version → JSON), flow:active (hash id\0version → 1|0), flow:order (zset), flow:versions:<id> (set),
 *   queue (hash key → QueueEntry JSON), queue:order (zset by enqueuedAt).
 * Redis Cluster is not supported (the scripts touch keys they are not given); a single primary is.
 */
import { Redis, type RedisOptions } from 'ioredis'
import type { ChannelName, Session } from '../../../schemas/nodes/step.ts'
import { StaleSessionError, type Commit, type ContactRecord, type ConversationRef, type FlowVersionRecord, type InboundRecord, type OutboundRecord, type QueueEntry, type Store, type TimerRecord, type TranscriptEntry } from '../store.ts'

export const DEFAULT_REDIS_PREFIX = 'switchboard:'

export interface RedisStoreOptions {
  /** Key prefix; default the URL's `?prefix=` or `switchboard:`. */
  prefix?: string
  /** Errors of the connection (Redis went away, reconnecting); commands issued meanwhile wait, then fail. */
  onError?: (error: Error) => void
  /** Told, once connectRedisStore has connected, how Redis persists (CONFIG GET; nothing when CONFIG is disabled, as on some managed services). */
  onDurability?: (config: { appendonly?: string; appendfsync?: string }) => void
  /** Extra ioredis options (tests). */
  redis?: RedisOptions
}

/** Redis could not be reached when the store was opened (connectRedisStore). */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError'
}

/** Splits a store URL into what ioredis connects to and our key prefix (`redis://host:port/db?prefix=app:`). */
export function parseRedisUrl(url: string, prefix?: string): { url: string; prefix: string; where: string } {
  const parsed = new URL(url)
  const fromUrl = parsed.searchParams.get('prefix')
  parsed.searchParams.delete('prefix')
  const where = `${parsed.hostname || '127.0.0.1'}:${parsed.port || 6379}`
  return { url: parsed.toString(), prefix: prefix ?? fromUrl ?? DEFAULT_REDIS_PREFIX, where }
}

// ---------------------------------------------------------------- scripts (ARGV[1] is always the prefix)

const ACCEPT = `
local P, id = ARGV[1], ARGV[2]
if redis.call('HSETNX', P..'in', id, ARGV[3]) == 0 then return 0 end
redis.call('HSET', P..'in:at', id, ARGV[4])
redis.call('ZADD', P..'in:pending', redis.call('INCR', P..'order'), id)
return 1`

const FINISH = `
local P, id = ARGV[1], ARGV[2]
if redis.call('ZREM', P..'in:pending', id) == 1 then redis.call('ZADD', P..'in:done', redis.call('HGET', P..'in:at', id), id) end
return 0`

const PENDING_INBOUND = `
local P = ARGV[1]
local out = {}
for _, id in ipairs(redis.call('ZRANGE', P..'in:pending', 0, -1)) do out[#out + 1] = redis.call('HGET', P..'in', id) end
return out`

/** Forgets up to ARGV[3] processed ids received before ARGV[2]; returns how many went. */
const PRUNE = `
local P = ARGV[1]
local ids = redis.call('ZRANGEBYSCORE', P..'in:done', '-inf', '(' .. ARGV[2], 'LIMIT', 0, ARGV[3])
for _, id in ipairs(ids) do
  redis.call('HDEL', P..'in', id)
  redis.call('HDEL', P..'in:at', id)
  redis.call('ZREM', P..'in:done', id)
end
return #ids`

/**
 * One commit. ARGV: prefix, key, expected seq ('' unchecked, 'none' must not exist, else the seq),
 * inbound id (''), session JSON, seq, ref JSON, open (1|0), then counted groups: outbound
 * (id, status, n, n field/value pairs), transcript (JSON), cancelled timer fields, started timers
 * (field, JSON, at), then queue op ('' | put JSON enqueuedAt | remove), then contact field ('' or field JSON).
 * Returns {'stale', stored seq or ''}, {'processed'} or {'ok'}; checks come before any write.
 */
const COMMIT = `
local P, key, expect, inbound = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if expect ~= '' then
  local stored = redis.call('HGET', P..'session:seq', key)
  if (expect == 'none' and stored) or (expect ~= 'none' and stored ~= expect) then return {'stale', stored or ''} end
end
if inbound ~= '' and redis.call('ZSCORE', P..'in:done', inbound) then return {'processed'} end
redis.call('HSET', P..'session', key, ARGV[5])
redis.call('HSET', P..'session:seq', key, ARGV[6])
redis.call('HSET', P..'session:ref', key, ARGV[7])
if ARGV[8] == '1' then redis.call('ZADD', P..'session:open', redis.call('INCR', P..'order'), key) else redis.call('ZREM', P..'session:open', key) end
if inbound ~= '' and redis.call('ZREM', P..'in:pending', inbound) == 1 then
  redis.call('ZADD', P..'in:done', redis.call('HGET', P..'in:at', inbound), inbound)
end
local i = 9
local n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do
  local id, status, np = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  local k = P..'out:'..id
  local ord = redis.call('INCR', P..'order')
  redis.call('DEL', k)
  redis.call('HSET', k, 'status', status, 'ord', ord)
  for j = 0, np - 1 do redis.call('HSET', k, ARGV[i + 3 + 2 * j], ARGV[i + 4 + 2 * j]) end
  if status == 'pending' then redis.call('ZADD', P..'out:pending', ord, id) else redis.call('ZREM', P..'out:pending', id) end
  i = i + 3 + 2 * np
end
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do redis.call('RPUSH', P..'transcript:'..key, ARGV[i]); i = i + 1 end
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do
  redis.call('HDEL', P..'timer', ARGV[i])
  redis.call('ZREM', P..'timer:at', ARGV[i])
  i = i + 1
end
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do
  redis.call('HSET', P..'timer', ARGV[i], ARGV[i + 1])
  redis.call('ZADD', P..'timer:at', ARGV[i + 2], ARGV[i])
  i = i + 3
end
local op = ARGV[i]; i = i + 1
if op == 'put' then
  redis.call('HSET', P..'queue', key, ARGV[i])
  redis.call('ZADD', P..'queue:order', ARGV[i + 1], key)
  i = i + 2
elseif op == 'remove' then
  redis.call('HDEL', P..'queue', key)
  redis.call('ZREM', P..'queue:order', key)
end
if ARGV[i] ~= '' then redis.call('HSET', P..'contact', ARGV[i], ARGV[i + 1]) end
return {'ok'}`

/** ARGV: prefix, id, then field/value pairs to set (status among them or not). */
const UPDATE_OUTBOUND = `
local P, id = ARGV[1], ARGV[2]
local k = P..'out:'..id
if redis.call('EXISTS', k) == 0 then return 0 end
for j = 3, #ARGV, 2 do redis.call('HSET', k, ARGV[j], ARGV[j + 1]) end
if redis.call('HGET', k, 'status') == 'pending' then redis.call('ZADD', P..'out:pending', redis.call('HGET', k, 'ord'), id) else redis.call('ZREM', P..'out:pending', id) end
return 1`

const PENDING_OUTBOUND = `
local P = ARGV[1]
local out = {}
for _, id in ipairs(redis.call('ZRANGE', P..'out:pending', 0, -1)) do out[#out + 1] = redis.call('HGETALL', P..'out:'..id) end
return out`

const TIMERS = `
local P = ARGV[1]
local out = {}
for _, field in ipairs(redis.call('ZRANGE', P..'timer:at', 0, -1)) do out[#out + 1] = redis.call('HGET', P..'timer', field) end
return out`

const OPEN_SESSIONS = `
local P = ARGV[1]
local out = {}
for _, key in ipairs(redis.call('ZRANGE', P..'session:open', 0, -1)) do
  out[#out + 1] = {key, redis.call('HGET', P..'session:ref', key), redis.call('HGET', P..'session', key)}
end
return out`

const QUEUE_ENTRIES = `
local P = ARGV[1]
local out = {}
for _, key in ipairs(redis.call('ZRANGE', P..'queue:order', 0, -1)) do out[#out + 1] = redis.call('HGET', P..'queue', key) end
return out`

/** ARGV: prefix, key, entry JSON, enqueuedAt. */
const PUT_QUEUE = `
local P = ARGV[1]
redis.call('HSET', P..'queue', ARGV[2], ARGV[3])
redis.call('ZADD', P..'queue:order', ARGV[4], ARGV[2])
return 0`

/** ARGV: prefix, flow id, field (id\\0version), record JSON, active (1|0). */
const SAVE_FLOW = `
local P = ARGV[1]
redis.call('HSET', P..'flow', ARGV[3], ARGV[4])
redis.call('HSET', P..'flow:active', ARGV[3], ARGV[5])
redis.call('ZADD', P..'flow:order', redis.call('INCR', P..'order'), ARGV[3])
redis.call('SADD', P..'flow:versions:'..ARGV[2], ARGV[3])
return 0`

/** ARGV: prefix, flow id, the field of the version to make active: every other version of the flow goes inactive. */
const SET_ACTIVE = `
local P = ARGV[1]
for _, field in ipairs(redis.call('SMEMBERS', P..'flow:versions:'..ARGV[2])) do
  redis.call('HSET', P..'flow:active', field, field == ARGV[3] and '1' or '0')
end
return 0`

/** ARGV: prefix, field prefix ('' for all): {JSON, active} per version, in save order. */
const FLOWS = `
local P, pre = ARGV[1], ARGV[2]
local out = {}
for _, field in ipairs(redis.call('ZRANGE', P..'flow:order', 0, -1)) do
  if pre == '' or string.sub(field, 1, #pre) == pre then
    out[#out + 1] = {redis.call('HGET', P..'flow', field), redis.call('HGET', P..'flow:active', field)}
  end
end
return out`

/** ARGV: prefix, timer field. */
const DELETE_TIMER = `
redis.call('HDEL', ARGV[1]..'timer', ARGV[2])
redis.call('ZREM', ARGV[1]..'timer:at', ARGV[2])
return 0`

const scripts = {
  sbAccept: ACCEPT,
  sbFinish: FINISH,
  sbPendingInbound: PENDING_INBOUND,
  sbPrune: PRUNE,
  sbCommit: COMMIT,
  sbUpdateOutbound: UPDATE_OUTBOUND,
  sbPendingOutbound: PENDING_OUTBOUND,
  sbTimers: TIMERS,
  sbOpenSessions: OPEN_SESSIONS,
  sbQueueEntries: QUEUE_ENTRIES,
  sbPutQueue: PUT_QUEUE,
  sbSaveFlow: SAVE_FLOW,
  sbSetActive: SET_ACTIVE,
  sbFlows: FLOWS,
  sbDeleteTimer: DELETE_TIMER,
} as const

type ScriptName = keyof typeof scripts
type Scripted = Redis & { [name in ScriptName]: (...args: (string | number)[]) => Promise<any> }

const json = (value: unknown) => JSON.stringify(value ?? null)
const parse = <T>(text: string | null | undefined): T => (text === null || text === undefined ? undefined : JSON.parse(text)) as T
const timerField = (key: string, timer: string) => `${key}\u0000${timer}`
const flowField = (id: string, version: number) => `${id}\u0000${version}`
/** How many processed ids one prune script forgets at most: keeps each script short (Redis runs nothing else meanwhile). */
const PRUNE_CHUNK = 2000

function toOutbound(flat: string[]): OutboundRecord {
  const fields: Record<string, string> = {}
  for (let i = 0; i < flat.length; i += 2) fields[flat[i]] = flat[i + 1]
  const rec = JSON.parse(fields.rec) as Pick<OutboundRecord, 'id' | 'key' | 'ref' | 'payload' | 'createdAt'>
  return {
    ...rec,
    status: fields.status as OutboundRecord['status'],
    attempts: Number(fields.attempts),
    ...(fields.providerId !== undefined && { providerId: fields.providerId }),
    ...(fields.error !== undefined && { error: fields.error }),
  }
}

/** The hash fields of an outbound record but its status (a value JSON cannot store throws here, in the caller). */
function outboundFields(o: OutboundRecord): string[] {
  const { id, key, ref, payload, createdAt } = o
  const fields = ['rec', JSON.stringify({ id, key, ref, payload, createdAt }), 'attempts', String(o.attempts)]
  if (o.providerId !== undefined) fields.push('providerId', o.providerId)
  if (o.error !== undefined) fields.push('error', o.error)
  return fields
}

/** Everything a commit sends, as strings, built before anything is sent. */
function commitArgs(prefix: string, c: Commit): string[] {
  const args = [
    prefix,
    c.key,
    c.expectedSeq === undefined ? '' : c.expectedSeq === null ? 'none' : String(c.expectedSeq),
    c.inboundId ?? '',
    json(c.session),
    String(c.session.seq),
    json(c.ref),
    c.session.status === 'ended' ? '0' : '1',
  ]
  args.push(String(c.outbound.length))
  for (const o of c.outbound) {
    const fields = outboundFields(o)
    args.push(o.id, o.status, String(fields.length / 2), ...fields)
  }
  args.push(String(c.transcript.length))
  for (const t of c.transcript) args.push(json({ ...t, key: c.key }))
  args.push(String(c.timersCancelled.length))
  for (const timer of c.timersCancelled) args.push(timerField(c.key, timer))
  args.push(String(c.timersStarted.length))
  for (const t of c.timersStarted) args.push(timerField(t.key, t.timer), json(t), String(t.at))
  if (c.queue && 'put' in c.queue) args.push('put', json(c.queue.put), String(c.queue.put.enqueuedAt))
  else args.push(c.queue ? 'remove' : '')
  if (c.contact) args.push(`${c.contact.channel}:${c.contact.id}`, json(c.contact))
  else args.push('')
  return args
}

/**
 * Opens the Redis store at `url` (`redis://[user:password@]host:port[/db][?prefix=app:]`, or `rediss://`
 * for TLS). The connection is made on the first command; connectRedisStore checks it first.
 */
export function createRedisStore(url: string, options: RedisStoreOptions = {}): Store {
  return openRedis(url, options).store
}

/**
 * Opens the Redis store and checks that Redis answers (PING) before returning it, so a runtime fails
 * at start with a RedisUnavailableError naming the address rather than later on its first message.
 * Once connected, a lost connection is retried for ever (commands wait, then fail one by one).
 */
export async function connectRedisStore(url: string, options: RedisStoreOptions = {}): Promise<Store> {
  const { store, redis, where, connected } = openRedis(url, options, { lazy: true })
  let last: Error | undefined
  const remember = (error: Error) => (last = error)
  redis.on('error', remember)
  try {
    await redis.connect()
    await redis.ping()
  } catch (error) {
    redis.disconnect()
    const reason = (last ?? (error as Error)).message
    throw new RedisUnavailableError(`cannot reach Redis at ${where} (${reason}); is redis-server running there? (--store redis://HOST:PORT)`)
  } finally {
    redis.off('error', remember)
  }
  connected()
  const config = (await redis.config('GET', 'append*').catch(() => undefined)) as string[] | undefined
  if (config) {
    const values = Object.fromEntries(config.flatMap((v, i) => (i % 2 ? [] : [[v, config[i + 1]]])))
    options.onDurability?.({ appendonly: values.appendonly, appendfsync: values.appendfsync })
  }
  return store
}

function openRedis(url: string, options: RedisStoreOptions, mode: { lazy?: boolean } = {}) {
  const target = parseRedisUrl(url, options.prefix)
  const P = target.prefix
  let reconnect = !mode.lazy
  const redis = new Redis(target.url, {
    lazyConnect: true,
    // a command sent but not answered when the connection dropped is NOT sent again: it may have run (a commit
    // run twice would be refused as stale, an accept run twice would answer "duplicate" for a message nobody processes)
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 20,
    // while connectRedisStore checks the first connection, no retries: it reports the failure instead
    retryStrategy: (times) => (reconnect ? Math.min(50 * times, 2000) : null),
    ...options.redis,
  }) as Scripted
  for (const [name, lua] of Object.entries(scripts)) redis.defineCommand(name, { lua, numberOfKeys: 0 })
  redis.on('error', (error: Error) => options.onError?.(error))
  let closed = false

  const store: Store = {
    async acceptInbound(r) {
      const record = json(r)
      return (await redis.sbAccept(P, r.id, record, String(r.receivedAt))) === 1
    },
    async finishInbound(id) {
      await redis.sbFinish(P, id)
    },
    async pendingInbound() {
      return ((await redis.sbPendingInbound(P)) as string[]).map((text) => parse<InboundRecord>(text))
    },
    async pruneInbound(before) {
      let pruned = 0
      for (;;) {
        const n = Number(await redis.sbPrune(P, String(before), String(PRUNE_CHUNK)))
        pruned += n
        if (n < PRUNE_CHUNK) return pruned
      }
    },
    async commit(c) {
      const args = commitArgs(P, c)
      const [outcome, stored] = (await redis.sbCommit(...args)) as [string, string | undefined]
      if (outcome === 'stale') throw new StaleSessionError(c.key, 'seq', stored ? Number(stored) : null, c.expectedSeq)
      if (outcome === 'processed') throw new StaleSessionError(c.key, 'processed')
    },
    async getSession(key) {
      return parse<Session | undefined>(await redis.hget(`${P}session`, key))
    },
    async openSessions() {
      const rows = (await redis.sbOpenSessions(P)) as [string, string, string][]
      return rows.map(([key, ref, session]) => ({ key, ref: parse<ConversationRef>(ref), session: parse<Session>(session) }))
    },
    async pendingOutbound() {
      return ((await redis.sbPendingOutbound(P)) as string[][]).map(toOutbound)
    },
    async updateOutbound(id, patch) {
      const fields: string[] = []
      if (patch.status !== undefined) fields.push('status', patch.status)
      if (patch.attempts !== undefined) fields.push('attempts', String(patch.attempts))
      if (patch.providerId !== undefined) fields.push('providerId', patch.providerId)
      if (patch.error !== undefined) fields.push('error', patch.error)
      await redis.sbUpdateOutbound(P, id, ...fields)
    },
    async recordStatus(providerId, status, at, detail) {
      await redis.rpush(`${P}status:${providerId}`, json({ status, at, ...(detail !== undefined && { detail }) }))
    },
    async statuses(providerId) {
      return (await redis.lrange(`${P}status:${providerId}`, 0, -1)).map((text) => {
        const { status, at } = JSON.parse(text) as { status: string; at: number }
        return { status, at }
      })
    },
    async timers() {
      return ((await redis.sbTimers(P)) as string[]).map((text) => parse<TimerRecord>(text))
    },
    async deleteTimer(key, timer) {
      await redis.sbDeleteTimer(P, timerField(key, timer))
    },
    async transcript(key) {
      return (await redis.lrange(`${P}transcript:${key}`, 0, -1)).map((text) => parse<TranscriptEntry>(text))
    },
    async queueEntries() {
      return ((await redis.sbQueueEntries(P)) as string[]).map((text) => parse<QueueEntry>(text))
    },
    async getQueueEntry(key) {
      return parse<QueueEntry | undefined>(await redis.hget(`${P}queue`, key))
    },
    async putQueueEntry(entry) {
      const text = json(entry)
      await redis.sbPutQueue(P, entry.key, text, String(entry.enqueuedAt))
    },
    async getContact(channel: ChannelName, id: string) {
      return parse<ContactRecord | undefined>(await redis.hget(`${P}contact`, `${channel}:${id}`))
    },
    async putContact(contact) {
      await redis.hset(`${P}contact`, `${contact.channel}:${contact.id}`, json(contact))
    },
    async saveFlowVersion(r) {
      const { active, ...record } = r
      await redis.sbSaveFlow(P, r.id, flowField(r.id, r.version), json(record), active ? '1' : '0')
    },
    async setActiveVersion(id, version) {
      await redis.sbSetActive(P, id, flowField(id, version))
    },
    async flowVersions(id) {
      const rows = (await redis.sbFlows(P, id === undefined ? '' : `${id}\u0000`)) as [string, string][]
      return rows.map(([text, active]) => ({ ...parse<Omit<FlowVersionRecord, 'active'>>(text), active: active === '1' }))
    },
    async close() {
      if (closed) return
      closed = true
      // QUIT is answered after every command sent before it: nothing a caller waits for is dropped
      if (redis.status === 'wait' || redis.status === 'end') redis.disconnect()
      else await redis.quit().catch(() => redis.disconnect())
    },
  }
  return { store, redis, where: target.where, connected: () => (reconnect = true) }
}
