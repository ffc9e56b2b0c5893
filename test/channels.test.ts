/**
 * Runs every channel's table cases (courier style): runtime/channels/<name>/testdata/inbound.json
 * and outbound.json. A channel folder without both tables, or without a translator registered
 * below, fails. Outbound cases may also pin the preview people see for the same actions.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Action, ChannelName } from '../schemas/nodes/step.ts'
import { previewActions } from '../runtime/channels/preview.ts'
import { whatsappInbound } from '../runtime/channels/whatsapp/inbound.ts'
import { whatsappOutbound, type WhatsAppOutboundContext } from '../runtime/channels/whatsapp/outbound.ts'
import { voiceInbound, type VoiceRequest } from '../runtime/channels/voice/inbound.ts'
import { renderTwiml, type VoiceOutboundContext } from '../runtime/channels/voice/outbound.ts'
import { webchatInbound } from '../runtime/channels/webchat/inbound.ts'
import { webchatOutbound, type WebchatOutboundContext } from '../runtime/channels/webchat/outbound.ts'

interface Translators {
  inbound(request: any): unknown
  outbound(actions: Action[], context: any): unknown
  previewLanguage?(context: any): string | undefined
}

const translators: Record<ChannelName, Translators> = {
  whatsapp: {
    inbound: (payload: unknown) => whatsappInbound(payload),
    outbound: (actions, context: WhatsAppOutboundContext) => whatsappOutbound(actions, context),
  },
  voice: {
    inbound: (request: VoiceRequest) => voiceInbound(request),
    outbound: (actions, context: VoiceOutboundContext) => renderTwiml(actions, context),
    previewLanguage: (context: VoiceOutboundContext) => context.language,
  },
  webchat: {
    inbound: ({ frame, now }: { frame: unknown; now: number }) => webchatInbound(frame, now),
    outbound: (actions, context: WebchatOutboundContext) => webchatOutbound(actions, context),
  },
}

interface Case {
  label: string
  request: any
  expected: unknown
  preview?: unknown
}

const root = join(import.meta.dirname, '../runtime/channels')
const channels = readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory())

const table = (channel: string, kind: 'inbound' | 'outbound'): Case[] =>
  JSON.parse(readFileSync(join(root, channel, 'testdata', `${kind}.json`), 'utf8'))

it('every channel folder has a translator and both tables', () => {
  expect(channels.sort()).toEqual(Object.keys(translators).sort())
  for (const channel of channels) {
    for (const kind of ['inbound', 'outbound']) {
      expect(existsSync(join(root, channel, 'testdata', `${kind}.json`)), `${channel}/testdata/${kind}.json`).toBe(true)
      expect(table(channel, kind as 'inbound').length, `${channel} ${kind} cases`).toBeGreaterThan(0)
    }
  }
})

for (const channel of channels) {
  const translator = translators[channel as ChannelName]
  if (!translator) continue
  describe(`${channel} inbound`, () => {
    for (const c of table(channel, 'inbound')) {
      it(c.label, () => expect(translator.inbound(structuredClone(c.request))).toEqual(c.expected))
    }
  })
  describe(`${channel} outbound`, () => {
    for (const c of table(channel, 'outbound')) {
      it(c.label, () => {
        const { actions, context } = c.request
        expect(translator.outbound(actions, context)).toEqual(c.expected)
        if (c.preview !== undefined) {
          const language = translator.previewLanguage?.(context)
          expect(previewActions(channel as ChannelName, actions, { language })).toEqual(c.preview)
        }
      })
    }
  })
}
