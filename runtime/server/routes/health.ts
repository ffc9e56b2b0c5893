/** GET /healthz (liveness and what is loaded) and GET /metrics (Prometheus text format). */
import { Router } from 'express'
import type { RouteContext } from '../app.ts'

export function healthRoutes({ catalog, store, metrics }: RouteContext): Router {
  const router = Router()
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', flows: catalog.list().map((r) => ({ id: r.id, version: r.version })) })
  })
  router.get('/metrics', async (_req, res) => {
    metrics.active.set((await store.openSessions()).length)
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics())
  })
  return router
}
