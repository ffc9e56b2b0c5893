/**
 * POST /api/conversations: the business starts a flow for a contact (order shipped, back in stock,
 * abandoned cart). Opted-out contacts are refused; on WhatsApp the channel holds anything but a
 * template outside the 24-hour window, which is why proactive flows open with a template node.
 */
import express, { Router } from 'express'
import type { ChannelName } from '../../../schemas/nodes/step.ts'
import { conversationKey } from '../../host/store.ts'
import type { RouteContext } from '../app.ts'

const channels: ChannelName[] = ['whatsapp', 'voice', 'webchat']

interface StartRequest {
  flow?: unknown
  channel?: unknown
  address?: unknown
  contact?: { id?: unknown; name?: unknown; phone?: unknown; language?: unknown }
  variables?: unknown
}

export function conversationRoutes({ host, catalog, store, config, clock }: RouteContext): Router {
  const router = Router()
  router.use(express.json({ limit: config.bodyLimit }))
  router.post('/', async (req, res) => {
    const body = (req.body ?? {}) as StartRequest
    const bad = (message: string) => res.status(400).json({ error: 'bad-request', message })
    if (typeof body.flow !== 'string') return bad('"flow" (a deployed flow id) is required.')
    if (typeof body.channel !== 'string' || !channels.includes(body.channel as ChannelName)) return bad(`"channel" must be one of ${channels.join(', ')}.`)
    if (typeof body.contact?.id !== 'string' || !body.contact.id) return bad('"contact.id" (the WhatsApp id / phone number / chat id) is required.')
    if (body.variables !== undefined && (typeof body.variables !== 'object' || body.variables === null || Array.isArray(body.variables))) return bad('"variables" must be an object.')
    const flow = catalog.active(body.flow)
    if (!flow) return res.status(404).json({ error: 'not-found', message: `No flow '${body.flow}' is deployed.` })
    const channel = body.channel as ChannelName
    if (!flow.channels.includes(channel)) return bad(`Flow '${flow.id}' is not written for ${channel}; it targets ${flow.channels.join(', ')}.`)
    const address = typeof body.address === 'string' ? body.address : flow.bindings?.[channel]?.find((a) => a !== '*')
    if (!address) return bad(`"address" is required: the ${channel} number or site key to send from (the flow declares none in its bindings).`)
    const ref = { channel, address, contact: body.contact.id }
    const contact = await store.getContact(channel, ref.contact)
    if (contact?.optedOut) return res.status(409).json({ error: 'opted-out', message: 'This contact opted out; nothing was sent.' })
    const existing = await store.getSession(conversationKey(ref))
    if (existing && existing.status !== 'ended') return res.status(409).json({ error: 'busy', message: `This contact is in a conversation on '${existing.flow}'; try again when it ends.` })
    const result = await host.receive({
      ref,
      flowId: flow.id,
      event: { type: 'conversation-started', at: clock(), ...(body.variables ? { variables: body.variables as Record<string, unknown> } : {}) },
      contact: {
        ...(typeof body.contact.name === 'string' && { name: body.contact.name }),
        ...(typeof body.contact.phone === 'string' && { phone: body.contact.phone }),
        ...(typeof body.contact.language === 'string' && { language: body.contact.language }),
      },
    })
    res.status(202).json({ conversation: conversationKey(ref), flow: flow.id, version: flow.version, status: result.session?.status ?? 'not-started' })
  })
  return router
}
