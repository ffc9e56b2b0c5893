/**
 * The host's channel adapters (translate actions to provider payloads, send them), one line per channel.
 * Voice has none: its actions are rendered straight into the TwiML answer of the webhook.
 */
import type { ChannelAdapter } from '../host/host.ts'
import type { RuntimeConfig } from './config.ts'
import type { Logger } from './logger.ts'
import { createWebchatAdapter } from './webchat/adapter.ts'
import { createWebchatHub, type HubBus } from './webchat/hub.ts'
import { createWhatsAppAdapter } from './whatsapp/adapter.ts'

/** `bus`: carries web chat frames to the runtime holding the customer's socket when several share one store. */
export function channelAdapters(config: RuntimeConfig, logger: Logger, bus?: HubBus) {
  const adapters: Partial<Record<'whatsapp' | 'webchat', ChannelAdapter>> = {}
  const webchatHub = createWebchatHub(bus)
  adapters.webchat = createWebchatAdapter(webchatHub)
  adapters.whatsapp = createWhatsAppAdapter({ apiUrl: config.whatsapp.apiUrl, accessToken: config.whatsapp.accessToken, logger })
  void config
  void logger
  return { adapters, webchatHub }
}
