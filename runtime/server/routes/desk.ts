/**
 * The agent desk API (Bearer token), used by the /desk page and by other helpdesks:
 *
 *   GET  /api/desk/conversations?status=queued|active   waiting / with an agent (both without status)
 *   GET  /api/desk/conversations/:id                    one conversation: transcript, context, notes, nodes to resume at
 *   POST /api/desk/conversations/:id/claim      {agent}   409 when another agent has it
 *   POST /api/desk/conversations/:id/messages   {text}    to the customer, on their own channel
 *   POST /api/desk/conversations/:id/notes      {text}    internal
 *   POST /api/desk/conversations/:id/resolve    {resumeAt?: nodeId} | {end: true}   back to the bot, or end
 *   GET  /api/desk/queues                                the supervisor's figures per queue
 *
 *   PUT  /api/desk/agents/:name   {status?: available|away|offline, skills?: string[]}   sign-in, heartbeat, change
 *   GET  /api/desk/agents                                everyone's status, skills, active conversations, last seen
 *   GET  /api/desk/skills                                skills the deployed flows' hand-off nodes ask for
 *   GET  /api/desk/conversations?agent=NAME[&eligible=true]   queued items marked {eligible, missingSkills} for that agent
 *   POST /api/desk/next            {agent}               claims the most urgent queued conversation the agent may take
 *
 * `:id` is the conversation key (`channel:address:contact`), URL-encoded. Agents' presence is held in
 * memory (host/agents.ts): lost on a restart, re-announced by the desk page's next heartbeat.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import express, { Router, type Response } from 'express'
import type { Flow, Session } from '../../../schemas/nodes/step.ts'
import { DeskError } from '../../host/host.ts'
import { agentNameProblem, createAgentRegistry, knownSkills, missingSkills, parseAgentUpdate } from '../../host/agents.ts'
import { byUrgency, deskListItem, eligibleQueued, queueFigures } from '../../host/queues.ts'
import type { QueueEntry } from '../../host/store.ts'
import type { RouteContext } from '../app.ts'

const maxText = 4096

const bad = (res: Response, message: string) => res.status(400).json({ error: 'bad-request', message })

/** A non-empty trimmed string field of the body, or undefined. */
const field = (body: unknown, name: string): string | undefined => {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' && value.trim() ? value.trim() : undefined
}

export function deskRoutes({ host, catalog, store, config, clock }: RouteContext): Router {
  const router = Router()
  /** The flow the conversation stands in (a subflow runs its active version; the root flow the version it started on). */
  const flowOf = (session: Session | undefined): Flow | undefined => {
    if (!session) return undefined
    const root = session.stack[0]?.flow ?? session.flow
    return catalog.get(session.flow, session.flow === root ? session.flowVersion : undefined)
  }
  router.use(express.json({ limit: config.bodyLimit }))
  const agents = createAgentRegistry(clock)

  async function entryOr404(id: string, res: Response): Promise<QueueEntry | undefined> {
    const entry = await store.getQueueEntry(id)
    if (!entry) res.status(404).json({ error: 'not-found', message: `No conversation '${id}' is waiting for a person.` })
    return entry
  }

  /** Runs a desk operation, turning the host's refusals into their HTTP status. */
  async function attempt(res: Response, work: () => Promise<unknown>) {
    try {
      res.json(await work())
    } catch (error) {
      if (!(error instanceof DeskError)) throw error
      res.status(error.status).json({ error: error.code, message: error.message, ...error.detail })
    }
  }

  router.get('/conversations', async (req, res) => {
    const { status, agent, eligible } = req.query
    if (status !== undefined && status !== 'queued' && status !== 'active') return bad(res, '"status" must be queued or active.')
    if (agent !== undefined && (typeof agent !== 'string' || agentNameProblem(agent))) return bad(res, `"agent": ${typeof agent === 'string' ? agentNameProblem(agent) : 'give one agent name.'}`)
    if (eligible !== undefined && eligible !== 'true' && eligible !== 'false') return bad(res, '"eligible" must be true or false.')
    if (eligible !== undefined && agent === undefined) return bad(res, '"eligible" needs "agent": whose skills to check.')
    const now = clock()
    const entries = (await store.queueEntries()).filter((e) => (status ? e.status === status : e.status !== 'resolved'))
    let queued = entries.filter((e) => e.status === 'queued').sort(byUrgency)
    const active = entries.filter((e) => e.status === 'active').sort((a, b) => (a.claimedAt ?? 0) - (b.claimedAt ?? 0))
    if (agent === undefined) return res.json({ now, conversations: [...queued, ...active].map((e) => deskListItem(e, now)) })
    // For one agent: each waiting conversation says whether this agent's skills cover it, and what is missing.
    const skills = agents.get(agent).skills
    const marked = (e: QueueEntry) => {
      const missing = missingSkills(e.skills, skills)
      return { ...deskListItem(e, now), eligible: missing.length === 0, missingSkills: missing }
    }
    if (eligible !== undefined) queued = queued.filter((e) => (missingSkills(e.skills, skills).length === 0) === (eligible === 'true'))
    res.json({ now, agent: { name: agent, status: agents.get(agent).status, skills }, conversations: [...queued.map(marked), ...active.map((e) => deskListItem(e, now))] })
  })

  router.get('/conversations/:id', async (req, res) => {
    const entry = await entryOr404(req.params.id, res)
    if (!entry) return
    const session = await store.getSession(entry.key)
    const flow = flowOf(session)
    const now = clock()
    res.json({
      now,
      ...deskListItem(entry, now),
      summary: entry.summary,
      variables: entry.variables,
      notes: entry.notes,
      node: entry.node,
      flow: entry.flow,
      language: session?.language,
      transcript: (await store.transcript(entry.key)).map(({ key: _key, ...line }) => line),
      nodes: (flow?.nodes ?? []).map((n) => ({ id: n.id, type: n.type, ...('name' in n && n.name && { name: n.name }) })),
    })
  })

  router.post('/conversations/:id/claim', async (req, res) => {
    const agent = field(req.body, 'agent')
    if (!agent) return bad(res, '"agent" (who takes the conversation) is required.')
    if (agentNameProblem(agent)) return bad(res, `"agent": ${agentNameProblem(agent)}`)
    const entry = await entryOr404(req.params.id, res)
    if (!entry) return
    // Skills come from the agent's announcement (none for an agent never announced). Being away does not stop an explicit claim: away only stops "take next".
    await attempt(res, async () => deskListItem(await host.claim(entry.ref, agent, { skills: agents.get(agent).skills }), clock()))
  })

  router.post('/next', async (req, res) => {
    const agent = field(req.body, 'agent')
    if (!agent) return bad(res, '"agent" (who takes the next conversation) is required.')
    if (agentNameProblem(agent)) return bad(res, `"agent": ${agentNameProblem(agent)}`)
    const { status, skills, known } = agents.get(agent)
    if (!known) return res.status(409).json({ error: 'offline', message: `${agent} has not signed in on the desk: PUT /api/desk/agents/${encodeURIComponent(agent)} first.`, status })
    if (status !== 'available') return res.status(409).json({ error: status, message: status === 'away' ? `${agent} is away: set the status to available to take the next conversation.` : `${agent} is offline (no heartbeat for a minute, or signed out).`, status })
    // The most urgent first; a conversation taken (or escalated) by someone else meanwhile is skipped for the next one.
    for (const candidate of eligibleQueued(await store.queueEntries(), skills)) {
      try {
        return res.json(deskListItem(await host.claim(candidate.ref, agent, { skills }), clock()))
      } catch (error) {
        if (!(error instanceof DeskError)) throw error
      }
    }
    const waiting = (await store.queueEntries()).filter((e) => e.status === 'queued').length
    res.status(404).json({
      error: 'nothing-eligible',
      message: waiting ? `None of the ${waiting} waiting conversation${waiting > 1 ? 's' : ''} fits ${agent}'s skills${skills.length ? ` (${skills.join(', ')})` : ' (none declared)'}.` : 'Nobody is waiting.',
      waiting,
    })
  })

  router.get('/agents', async (_req, res) => {
    res.json({ now: clock(), agents: agents.list(await store.queueEntries()) })
  })

  router.put('/agents/:name', async (req, res) => {
    const name = req.params.name
    const problem = agentNameProblem(name)
    if (problem) return bad(res, problem)
    const parsed = parseAgentUpdate(req.body)
    if ('problem' in parsed) return bad(res, parsed.problem)
    agents.announce(name, parsed.update)
    res.json(agents.view(name, await store.queueEntries()))
  })

  router.get('/skills', async (_req, res) => {
    res.json({ skills: knownSkills(catalog.list().map((r) => r.flow), await store.queueEntries()) })
  })

  router.post('/conversations/:id/messages', async (req, res) => {
    const text = field(req.body, 'text')
    if (!text) return bad(res, '"text" (the message to the customer) is required.')
    if (text.length > maxText) return bad(res, `"text" is longer than ${maxText} characters.`)
    const entry = await entryOr404(req.params.id, res)
    if (!entry) return
    if (entry.channel === 'voice') return res.status(409).json({ error: 'voice', message: 'voice calls are transferred with Enqueue/Dial' })
    await attempt(res, () => host.agentSay(entry.ref, text, field(req.body, 'agent')))
  })

  router.post('/conversations/:id/notes', async (req, res) => {
    const text = field(req.body, 'text')
    if (!text) return bad(res, '"text" (the note) is required.')
    if (text.length > maxText) return bad(res, `"text" is longer than ${maxText} characters.`)
    const entry = await entryOr404(req.params.id, res)
    if (!entry) return
    await attempt(res, async () => ({ notes: (await host.note(entry.ref, text, field(req.body, 'agent'))).notes }))
  })

  router.post('/conversations/:id/resolve', async (req, res) => {
    const { resumeAt, end } = (req.body ?? {}) as { resumeAt?: unknown; end?: unknown }
    if (resumeAt !== undefined && resumeAt !== null && typeof resumeAt !== 'string') return bad(res, '"resumeAt" must be a node id.')
    if (end !== undefined && typeof end !== 'boolean') return bad(res, '"end" must be true or false.')
    if (end && resumeAt) return bad(res, 'Send either "resumeAt" or "end", not both.')
    const entry = await entryOr404(req.params.id, res)
    if (!entry) return
    const flow = flowOf(await store.getSession(entry.key))
    if (resumeAt && !flow?.nodes.some((n) => n.id === resumeAt)) return bad(res, `Flow '${entry.flow}' has no node '${resumeAt}'.`)
    const result = end ? await host.receive({ ref: entry.ref, event: { type: 'conversation-closed', at: clock() } }) : await host.resolve(entry.ref, resumeAt || undefined)
    res.json({ id: entry.key, status: result.session?.status ?? 'ended', node: result.session?.node ?? null })
  })

  router.get('/queues', async (_req, res) => {
    const now = clock()
    const entries = await store.queueEntries()
    const queues = queueFigures(entries, now)
    res.json({
      now,
      queues,
      totals: {
        queued: queues.reduce((n, q) => n + q.queued, 0),
        active: queues.reduce((n, q) => n + q.active, 0),
        breaches: queues.reduce((n, q) => n + q.breaches, 0),
        longestWaitSeconds: queues.reduce((n, q) => Math.max(n, q.longestWaitSeconds), 0),
      },
    })
  })

  return router
}

/**
 * GET /desk: the desk page, a Vite-built React app (runtime/server/desk/). Built on the first request
 * when dist is missing or stale, so `npm start` needs no build step. The page asks for the token
 * itself (it is not embedded), so the page and its assets are public; every API call is not.
 */
export function deskPage({ logger }: RouteContext): Router {
  const router = Router()
  const dist = new URL('../desk/dist/', import.meta.url).pathname
  const ready = async () => {
    const { ensureDeskBuilt } = await import('../desk/build.ts')
    await ensureDeskBuilt()
  }
  router.use(async (_req, res, next) => {
    try {
      await ready()
      next()
    } catch (error) {
      logger.error({ err: error }, 'building the desk page failed')
      res.status(503).type('text/plain').send('The desk page could not be built: run `npx vite build --config runtime/server/desk/vite.config.ts`.')
    }
  })
  router.get(['/', '/index.html'], (req, res) => {
    if (!req.originalUrl.split('?')[0].endsWith('/') && req.path === '/') return res.redirect(301, `${req.baseUrl}/`)
    const index = join(dist, 'index.html')
    if (!existsSync(index)) return res.status(503).type('text/plain').send('The desk page is not built.')
    res.type('html').set({ 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'", 'X-Frame-Options': 'DENY' }).send(readFileSync(index, 'utf8'))
  })
  router.use(express.static(dist, { index: false, maxAge: '1h', fallthrough: true }))
  return router
}
