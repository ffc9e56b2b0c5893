/**
 * The host's channel adapters (translate actions to provider payloads, send them), one line per channel.
 * Voice has none: its actions are rendered straight into the TwiML answer of the webhook.
 */
import type { ChannelAdapter } from '../host/host.ts'
import type { RuntimeConfig } from './config.ts'
import type { Logger } from './logger.ts'

export function channelAdapters(config: RuntimeConfig, logger: Logger) {
  const adapters: Partial<Record<'whatsapp' | 'webchat', ChannelAdapter>> = {}
  void config
  void logger
  return { adapters }
}
