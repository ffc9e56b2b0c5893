/**
 * The host's channel adapters (translate actions to provider payloads, send them), one line per channel.
 * Voice has none: its actions are rendered straight into the TwiML answer of the webhook.
 */
import type { ChannelAdapter } from '../host/host.ts'
import type { RuntimeConfig } from './config.ts'
import type { Logger } from './logger.ts'
import { createWebchatAdapter } from './webchat/adapter.ts'
import { createWebchatHub } from './webchat/hub.ts'
import { createWhatsAppAdapter } from './whatsapp/adapter.ts'

export function channelAdapters(config: RuntimeConfig, logger: Logger) {
  const adapters: Partial<Record<'whatsapp' | 'webchat', ChannelAdapter>> = {}
  const webchatHub = createWebchatHub()
  adapters.webchat = createWebchatAdapter(webchatHub)
  adapters.whatsapp = createWhatsAppAdapter({ apiUrl: config.whatsapp.apiUrl, accessToken: config.whatsapp.accessToken, logger })
  void config
  void logger
  return { adapters, webchatHub }
}
