/** Deploy API: list, deploy (validated, refused whole), versions, rollback. Bearer token required. */
import express, { Router } from 'express'
import type { RouteContext } from '../app.ts'

const summary = (r: { id: string; version: number; flow: { name: string; channels: string[] }; deployedAt: number; source: string; active: boolean }) => ({
  id: r.id,
  name: r.flow.name,
  version: r.version,
  channels: r.flow.channels,
  deployedAt: new Date(r.deployedAt).toISOString(),
  source: r.source,
  active: r.active,
})

export function flowRoutes({ catalog, config, logger }: RouteContext): Router {
  const router = Router()
  router.use(express.json({ limit: config.bodyLimit }))
  router.get('/', (_req, res) => {
    res.json(catalog.list().map(summary))
  })
  router.post('/', async (req, res) => {
    const result = await catalog.deploy(req.body, `api:${req.ip}`)
    if (!result.ok) {
      logger.warn({ flow: result.id, problems: result.problems.length }, `deploy refused for ${result.id ?? 'a flow without id'}`)
      return res.status(422).json({ error: 'invalid-flow', message: 'The flow was refused whole; the active version keeps serving.', problems: result.problems })
    }
    logger.info({ flow: result.id, version: result.version }, `deployed ${result.id} v${result.version} via API`)
    res.status(result.unchanged ? 200 : 201).json({ id: result.id, version: result.version, unchanged: result.unchanged })
  })
  router.get('/:id', (req, res) => {
    const flow = catalog.active(req.params.id)
    if (!flow) return res.status(404).json({ error: 'not-found', message: `No flow '${req.params.id}' is deployed.` })
    res.json(flow)
  })
  router.get('/:id/versions', (req, res) => {
    const versions = catalog.versions(req.params.id)
    if (!versions.length) return res.status(404).json({ error: 'not-found', message: `No flow '${req.params.id}' is deployed.` })
    res.json(versions.map(summary))
  })
  router.post('/:id/rollback', async (req, res) => {
    const version = req.body?.version === undefined ? undefined : Number(req.body.version)
    if (version !== undefined && !Number.isInteger(version)) return res.status(400).json({ error: 'bad-request', message: '"version" must be an integer.' })
    const target = await catalog.rollback(req.params.id, version)
    if (!target) return res.status(404).json({ error: 'not-found', message: `Nothing to roll back to for '${req.params.id}'.` })
    logger.info({ flow: target.id, version: target.version }, `rolled ${target.id} back to v${target.version}`)
    res.json({ id: target.id, version: target.version })
  })
  return router
}
