/**
 * WhatsApp webhook throughput (issue 3): signed webhooks through signature check → accept (SQLite)
 * → 200 → engine → one SQLite commit with the outbox → sends to a Graph API stand-in, at 64
 * concurrent conversations, against a bare express handler that parses the same JSON and answers
 * 200, measured in the same run. Aim: >= 60% of the bare handler's throughput, p99 < 25 ms.
 *
 * The runtime and the bare app live in this process (one at a time under load); the load generator
 * and the Graph API stand-in run in a child process (this same file with --load), so the client's
 * CPU is not billed to the server. 64 workers, each one conversation with one request in flight
 * (http.Agent keepAlive), a bounded count of requests after a warm-up.
 *
 * Runtime throughput counts a message when it is processed (the store's commit that marks it processed,
 * with its outbox, has resolved: it is durable), not when it is acknowledged, since the 200 goes out before the engine runs; the
 * acknowledgement rate is reported beside it. Latency is the webhook's answer time at the client.
 * The headline rows include the two Graph API sends per message (real HTTP from this process, real
 * work the runtime does); rows marked "Graph sends stubbed" repeat the run with a sender that answers
 * at once, to show the runtime's own share (verify → accept → engine → commit → outbox marked sent).
 */
import { fork, type ChildProcess } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Agent, createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { row, stats, type Benchmark } from './measure.ts'

const CONVERSATIONS = 64
const WARMUP = 1_500
const COUNT = 6_000
const ROUNDS = 2
const SECRET = 'bench-app-secret'
const PHONE_ID = '106540352242922'

const now = () => performance.timeOrigin + performance.now()

/** A menu that loops: every answer gets a text and the menu again (two Graph API sends per message). */
const flow = {
  id: 'bench-shop',
  name: 'Webhook benchmark shop',
  version: 1,
  channels: ['whatsapp'],
  languages: ['en'],
  defaultLanguage: 'en',
  bindings: { whatsapp: [PHONE_ID] },
  start: 'welcome',
  nodes: [
    { id: 'welcome', type: 'message', text: 'Hi {{contact.name}}!', exits: { next: 'menu' } },
    {
      id: 'menu', type: 'menu', text: 'What can we do for you?',
      options: [{ id: 'track', label: 'Track your order' }, { id: 'shipping', label: 'Shipping times' }, { id: 'returns', label: 'Returns' }],
      exits: { track: 'answer', shipping: 'answer', returns: 'answer', invalid: 'answer' },
    },
    { id: 'answer', type: 'message', text: 'We ship in 2 working days.', exits: { next: 'menu' } },
  ],
}

// ---------------------------------------------------------------- the child: load generator + Graph API stand-in

interface LoadCommand { url: string; count: number; prefix: string }
interface LoadResult { startedAt: number; answeredAt: number; latencies: number[]; failures: number }

function envelope(from: string, id: string, text: string | undefined, choice: string | undefined) {
  const ts = String(Math.floor(Date.now() / 1000))
  const message = choice
    ? { from, id, timestamp: ts, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: choice, title: choice } } }
    : { from, id, timestamp: ts, type: 'text', text: { body: text } }
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_ID },
      contacts: [{ profile: { name: 'Bench Customer' }, wa_id: from }],
      messages: [message],
    } }] }],
  }
}

async function load({ url, count, prefix }: LoadCommand): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONVERSATIONS })
  const target = new URL('/webhooks/whatsapp', url)
  // bodies and signatures made before the clock starts: the client's own work is not measured
  const perWorker = Math.ceil(count / CONVERSATIONS)
  const bodies: { body: Buffer; signature: string }[][] = []
  const choices = ['track', 'shipping', 'returns']
  for (let w = 0; w < CONVERSATIONS; w++) {
    const from = `1555${prefix}${String(w).padStart(4, '0')}`
    const list: { body: Buffer; signature: string }[] = []
    for (let i = 0; i < perWorker; i++) {
      const body = Buffer.from(JSON.stringify(envelope(from, `wamid.${prefix}.${w}.${i}`, i === 0 ? 'hi' : undefined, i === 0 ? undefined : choices[i % 3])))
      list.push({ body, signature: 'sha256=' + createHmac('sha256', SECRET).update(body).digest('hex') })
    }
    bodies.push(list)
  }
  const latencies: number[] = []
  let failures = 0
  let sent = 0
  const post = (b: { body: Buffer; signature: string }) =>
    new Promise<number>((resolve, reject) => {
      const req = request(target, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': b.body.length, 'x-hub-signature-256': b.signature } }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      })
      req.on('error', reject)
      req.end(b.body)
    })
  const startedAt = now()
  await Promise.all(bodies.map(async (list) => {
    for (const b of list) {
      if (sent++ >= count) return
      const t = performance.now()
      const status = await post(b)
      latencies.push(performance.now() - t)
      if (status !== 200) failures++
    }
  }))
  const answeredAt = now()
  agent.destroy()
  return { startedAt, answeredAt, latencies, failures }
}

async function child() {
  let graphRequests = 0
  const graph = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      graphRequests++
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(`{"messaging_product":"whatsapp","messages":[{"id":"wamid.out.${graphRequests}"}]}`)
    })
  })
  graph.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve))
  process.send!({ graph: `http://127.0.0.1:${(graph.address() as AddressInfo).port}` })
  process.on('message', async (command: LoadCommand | { graphRequests: true } | { exit: true }) => {
    if ('exit' in command) {
      graph.close()
      process.disconnect()
      return
    }
    if ('graphRequests' in command) return process.send!({ graphRequests })
    process.send!({ result: await load(command) })
  })
}

// ---------------------------------------------------------------- the parent: the runtime and the bare handler

function ask<T>(worker: ChildProcess, message: object, key: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (reply: Record<string, unknown>) => {
      if (!(key in reply)) return
      worker.off('message', listener)
      resolve(reply[key] as T)
    }
    worker.on('message', listener)
    worker.send(message)
  })
}

async function bareExpress(): Promise<{ url: string; server: Server }> {
  const { default: express } = await import('express')
  const app = express()
  app.disable('x-powered-by')
  app.post('/webhooks/whatsapp', express.json({ limit: '1mb' }), (req, res) => {
    res.status(200).json({ received: Array.isArray(req.body?.entry) ? req.body.entry.length : 0 })
  })
  const server = createServer(app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

async function run() {
  const { loadConfig } = await import('../runtime/server/config.ts')
  const { createLogger } = await import('../runtime/server/logger.ts')
  const { startRuntime } = await import('../runtime/server/runtime.ts')
  const { createWhatsAppAdapter } = await import('../runtime/server/whatsapp/adapter.ts')

  const worker = fork(fileURLToPath(import.meta.url), ['--load'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const graph = await new Promise<string>((resolve) => worker.once('message', (m: { graph: string }) => resolve(m.graph)))

  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'))
  mkdirSync(join(dir, 'flows'))
  writeFileSync(join(dir, 'flows', 'bench-shop.flow.json'), JSON.stringify(flow))
  const env = { SWITCHBOARD_TOKEN: 'bench', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_ACCESS_TOKEN: 'bench-token', WHATSAPP_API_URL: graph }
  const config = loadConfig({ port: 0, host: '127.0.0.1', flows: join(dir, 'flows'), store: `sqlite:${join(dir, 'switchboard.db')}` }, env)
  // the production logger at its default level, into the void
  const logger = createLogger({ level: 'info', destination: new Writable({ write: (_c, _e, done) => done() }) })
  let processed = 0
  let waitingFor = Infinity
  let processedAt = 0
  const real = createWhatsAppAdapter({ apiUrl: graph, accessToken: 'bench-token', logger })
  // the variant "Graph sends stubbed" answers each send at once, without HTTP: the runtime's own cost, reported beside the real one, never instead
  let stubSends = false
  const whatsapp = { translate: real.translate, send: (r: Parameters<typeof real.send>[0]) => (stubSends ? Promise.resolve({ providerId: `wamid.stub.${r.id}` }) : real.send(r)) }
  const runtime = await startRuntime(config, { logger, channels: { whatsapp } })
  // counts processed messages: a message is processed when the commit that marks it (session, outbox, contact) is durable
  const commit = runtime.store.commit.bind(runtime.store)
  runtime.store.commit = async (c) => {
    await commit(c)
    if (c.inboundId && ++processed >= waitingFor && !processedAt) processedAt = now()
  }
  const bare = await bareExpress()

  async function phase(url: string, count: number, prefix: string, isRuntime: boolean) {
    if (isRuntime) {
      processedAt = 0
      waitingFor = processed + count
    }
    const cpu = process.cpuUsage()
    const result = await ask<LoadResult>(worker, { url, count, prefix }, 'result')
    if (result.failures) throw new Error(`${result.failures} of ${count} webhooks to ${isRuntime ? 'the runtime' : 'the bare handler'} did not answer 200`)
    if (isRuntime) {
      // done when the last message is processed; the sends may still be in flight: wait for them before the next phase
      for (let i = 0; !processedAt && i < 100_000; i++) await new Promise((resolve) => setTimeout(resolve, 1))
      if (!processedAt) throw new Error(`only ${processed - (waitingFor - count)} of ${count} messages were processed`)
      await runtime.host.idle()
    }
    const end = isRuntime ? processedAt : result.answeredAt
    const used = process.cpuUsage(cpu)
    // CPU the server process spent per message (sends included for the runtime): robust to a busy machine, unlike rates
    const cpuMicros = (used.user + used.system) / count
    return { latencies: result.latencies, seconds: (end - result.startedAt) / 1000, ackSeconds: (result.answeredAt - result.startedAt) / 1000, cpuMicros }
  }

  try {
    await phase(bare.url, WARMUP, '10', false)
    await phase(runtime.url, WARMUP, '11', true)
    const subject = { latencies: [] as number[], seconds: 0, ackSeconds: 0, cpuMicros: 0 }
    const baseline = { latencies: [] as number[], seconds: 0, cpuMicros: 0 }
    const stubbed = { latencies: [] as number[], seconds: 0, cpuMicros: 0 }
    for (let r = 0; r < ROUNDS; r++) {
      const b = await phase(bare.url, COUNT / ROUNDS, `2${r}`, false)
      const s = await phase(runtime.url, COUNT / ROUNDS, `3${r}`, true)
      stubSends = true
      const n = await phase(runtime.url, COUNT / ROUNDS, `4${r}`, true)
      stubSends = false
      stubbed.latencies.push(...n.latencies)
      stubbed.seconds += n.seconds
      stubbed.cpuMicros += n.cpuMicros / ROUNDS
      baseline.latencies.push(...b.latencies)
      baseline.seconds += b.seconds
      baseline.cpuMicros += b.cpuMicros / ROUNDS
      subject.cpuMicros += s.cpuMicros / ROUNDS
      subject.latencies.push(...s.latencies)
      subject.seconds += s.seconds
      subject.ackSeconds += s.ackSeconds
    }
    const graphRequests = await ask<number>(worker, { graphRequests: true }, 'graphRequests')
    const outbox = await runtime.store.pendingOutbound()
    if (outbox.length) throw new Error(`${outbox.length} replies were never sent`)
    const s = stats(subject.latencies)
    const b = stats(baseline.latencies)
    const rate = COUNT / subject.seconds
    const bareRate = COUNT / baseline.seconds
    console.log(`webhook: ${COUNT} signed webhooks from ${CONVERSATIONS} concurrent conversations (after ${WARMUP} warm-up), ${graphRequests} Graph API sends; acknowledged at ${Math.round(COUNT / subject.ackSeconds)}/s; then ${COUNT} more with the Graph sends stubbed`)
    const label = `${CONVERSATIONS} conversations`
    return [
      row(`webhook/whatsapp messages per second, ${label}`, rate, 'msg/s', 'bare express JSON handler requests per second', bareRate),
      row(`webhook/whatsapp acknowledged per second, ${label}`, COUNT / subject.ackSeconds, 'req/s', 'bare express JSON handler requests per second', bareRate),
      row(`webhook/whatsapp answer p50, ${label}`, s.median, 'ms', 'bare express JSON handler p50', b.median),
      row(`webhook/whatsapp answer p99, ${label}`, s.p99, 'ms', 'bare express JSON handler p99', b.p99),
      row(`webhook/whatsapp server CPU per message, ${label}`, subject.cpuMicros, 'µs/msg', 'bare express JSON handler CPU per request', baseline.cpuMicros),
      row(`webhook/whatsapp messages per second, Graph sends stubbed, ${label}`, COUNT / stubbed.seconds, 'msg/s', 'bare express JSON handler requests per second', bareRate),
      row(`webhook/whatsapp answer p99, Graph sends stubbed, ${label}`, stats(stubbed.latencies).p99, 'ms', 'bare express JSON handler p99', b.p99),
      row(`webhook/whatsapp server CPU per message, Graph sends stubbed, ${label}`, stubbed.cpuMicros, 'µs/msg', 'bare express JSON handler CPU per request', baseline.cpuMicros),
    ]
  } finally {
    worker.send({ exit: true })
    await runtime.close()
    await new Promise<void>((resolve) => bare.server.close(() => resolve()))
    rmSync(dir, { recursive: true, force: true })
  }
}

export const webhookBench: Benchmark = { name: 'webhook', run }

if (process.argv.includes('--load') && process.argv[1] === fileURLToPath(import.meta.url)) await child()
