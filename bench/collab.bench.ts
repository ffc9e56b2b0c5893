/**
 * Live collaboration, against a designer server in its own process (so its memory is its own):
 *
 * - latency of a node move from one y-websocket client to another (p50, p99), against a bare `ws`
 *   echo round trip on loopback (a server process of its own too) measured in the same run;
 * - 20 clients moving nodes of a generated 300-node flow for a bounded time (10 s by default,
 *   SWITCHBOARD_BENCH_COLLAB_SECONDS=30 for the 30): updates per second the server stored and
 *   relayed (against the echo round trips per second), peak server RSS (against the idle server), and
 *   the stored update log against the flow file's size, before and after compaction.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { readFlow } from '../designer/app/flow-doc/flow-doc.ts'
import { moveNodes } from '../designer/app/flow-doc/commands.ts'
import { formatFlow } from '../schemas/format.ts'
import { generateFlow, seededRandom } from '../test/fixtures/generate-flow.ts'
import { row, stats, type Benchmark } from './measure.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const TOKEN = 'bench-token'
const CLIENTS = 20
const NODES = 300
const LATENCY_SAMPLES = 400
const tick = () => new Promise<void>((resolve) => setImmediate(resolve))
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Kilobytes of a /proc/<pid>/status field (VmRSS, VmHWM = peak); 0 where /proc does not exist. */
function procKb(pid: number, field: string): number {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
  } catch {
    return 0
  }
}

async function startServer(workspace: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'designer/server/collab/testdata/serve.ts'), workspace, '0', TOKEN], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk) => {
      out += chunk
      const m = /ready (\d+)/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.once('exit', (code) => reject(new Error(`designer exited (${code}): ${out}`)))
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    port,
    pid: child.pid!,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}

function client(port: number, name: string) {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, name, doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, params: { token: TOKEN }, disableBc: true })
  return { doc, provider }
}

async function until(condition: () => boolean, what: string, tries = 200_000) {
  for (let i = 0; i < tries; i++) {
    if (condition()) return
    await (i < 100 ? tick() : pause(1))
  }
  throw new Error(`collab bench: gave up waiting for ${what}`)
}

const ECHO_SERVER = `import { WebSocketServer } from 'ws'
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
wss.on('connection', (ws) => ws.on('message', (data) => ws.send(data)))
wss.on('listening', () => console.log('ready ' + wss.address().port))`

/** Round trips of a bare ws echo server on loopback, in its own process like the designer, in ms. */
async function echoRoundTrips(count: number): Promise<number[]> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', ECHO_SERVER], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk) => {
      out += chunk
      const m = /ready (\d+)/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.once('exit', (code) => reject(new Error(`echo server exited (${code})`)))
  })
  const ws = new WebSocket(`ws://127.0.0.1:${port}`)
  await new Promise((resolve) => ws.once('open', resolve))
  const payload = new Uint8Array(40) // about the size of one node-move update
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    const start = performance.now()
    await new Promise<void>((resolve) => {
      ws.once('message', () => resolve())
      ws.send(payload)
    })
    times.push(performance.now() - start)
  }
  ws.close()
  child.removeAllListeners('exit')
  child.kill('SIGTERM')
  return times
}

export const collabBench: Benchmark = {
  name: 'collab',
  async run() {
    const seconds = Number(process.env.SWITCHBOARD_BENCH_COLLAB_SECONDS ?? 10)
    process.setMaxListeners(CLIENTS + 10) // each y-websocket provider listens for process exit
    const workspace = mkdtempSync(join(tmpdir(), 'sb-bench-collab-'))
    const flowText = formatFlow(generateFlow({ nodes: NODES, seed: 1 }))
    writeFileSync(join(workspace, 'big.flow.json'), flowText)
    writeFileSync(join(workspace, 'small.flow.json'), formatFlow(generateFlow({ nodes: 10, seed: 2 })))
    const server = await startServer(workspace)
    try {
      const idleKb = procKb(server.pid, 'VmRSS')

      // 1. Latency of one node move, A -> server -> B, sequential, after a warm-up.
      const a = client(server.port, 'small.flow.json')
      const b = client(server.port, 'small.flow.json')
      await until(() => a.provider.synced && b.provider.synced, 'latency clients to sync')
      const ids = readFlow(a.doc).nodes.map((n) => n.id)
      const latencies: number[] = []
      for (let i = 0; i < LATENCY_SAMPLES + 50; i++) {
        const id = ids[i % ids.length]
        const arrived = new Promise<void>((resolve) => b.doc.once('update', () => resolve()))
        const start = performance.now()
        moveNodes(a.doc, { [id]: { x: i, y: -i } }, 'bench')
        await arrived
        if (i >= 50) latencies.push(performance.now() - start)
      }
      for (const c of [a, b]) c.provider.destroy()
      const echo = await echoRoundTrips(LATENCY_SAMPLES + 50)
      const move = stats(latencies)
      const bare = stats(echo.slice(50))
      console.log(`collab: node move latency over ${move.count} moves: p50 ${move.median.toFixed(3)} ms, p99 ${move.p99.toFixed(3)} ms`)

      // 2. 20 clients editing a 300-node flow for a bounded time; an observer counts what the server relayed.
      const clients = Array.from({ length: CLIENTS }, () => client(server.port, 'big.flow.json'))
      const observer = client(server.port, 'big.flow.json')
      await until(() => [...clients, observer].every((c) => c.provider.synced), '20 clients to sync')
      const bigIds = readFlow(observer.doc).nodes.map((n) => n.id)
      let relayed = 0
      observer.doc.on('update', () => relayed++)
      const random = seededRandom(42)
      let sent = 0
      const started = performance.now()
      const end = started + seconds * 1000
      while (performance.now() < end) {
        if (sent - relayed < 400) {
          for (const [k, c] of clients.entries()) {
            moveNodes(c.doc, { [bigIds[Math.floor(random() * bigIds.length)]]: { x: Math.floor(random() * 8000), y: k } }, 'bench')
            sent++
          }
        }
        await tick()
      }
      await until(() => relayed >= sent, 'the server to relay every update')
      const elapsed = (performance.now() - started) / 1000
      const perSecond = sent / elapsed
      const peakKb = procKb(server.pid, 'VmHWM')
      await until(() => clients.every((c) => c.doc.store.clients.size === observer.doc.store.clients.size), 'clients to converge')
      console.log(`collab: ${CLIENTS} clients x ${NODES} nodes for ${seconds} s: ${sent} updates in ${elapsed.toFixed(1)} s (${Math.round(perSecond)}/s), each relayed to ${CLIENTS} peers`)
      for (const c of [...clients, observer]) c.provider.destroy()

      const db = new Database(join(workspace, '.switchboard', 'collab.db'), { readonly: true })
      const logBytes = (db.prepare("SELECT sum(length(data)) AS bytes FROM updates WHERE doc = 'big.flow.json'").get() as { bytes: number }).bytes
      db.close()
      await server.stop() // the room compacts when it closes
      const db2 = new Database(join(workspace, '.switchboard', 'collab.db'), { readonly: true })
      const compactBytes = (db2.prepare("SELECT sum(length(data)) AS bytes FROM updates WHERE doc = 'big.flow.json'").get() as { bytes: number }).bytes
      db2.close()
      const fileBytes = statSync(join(workspace, 'big.flow.json')).size
      console.log(`collab: stored ${Math.round(logBytes / 1024)} KB of updates (${Math.round(compactBytes / 1024)} KB compacted) for a ${Math.round(fileBytes / 1024)} KB file (${Math.round(flowText.length / 1024)} KB at start)`)

      const echoBaseline = 'bare ws echo round trip'
      return [
        row('collab/node move latency p50', move.median, 'ms', `${echoBaseline} p50`, bare.median),
        row('collab/node move latency p99', move.p99, 'ms', `${echoBaseline} p99`, bare.p99),
        row(`collab/${CLIENTS} clients x ${NODES} nodes updates served`, perSecond, 'updates/s', 'bare ws echo round trips/s', 1000 / bare.mean),
        row(`collab/${CLIENTS} clients x ${NODES} nodes peak server RSS`, peakKb / 1024, 'MB', 'idle designer server RSS', idleKb / 1024),
        row(`collab/${NODES}-node flow update log after ${seconds} s`, logBytes / 1024, 'KB', 'flow JSON file size', fileBytes / 1024),
        row(`collab/${NODES}-node flow stored size compacted`, compactBytes / 1024, 'KB', 'flow JSON file size', fileBytes / 1024),
      ]
    } finally {
      await server.stop().catch(() => undefined)
      rmSync(workspace, { recursive: true, force: true })
    }
  },
}
