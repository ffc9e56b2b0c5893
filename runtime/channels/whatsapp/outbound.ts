/**
 * Engine actions → WhatsApp Cloud API request bodies. Pure: the host posts them, tracks the
 * customer's last inbound time and decides what to do with messages held by the 24-hour window.
 */
import type { Action, AskAction, SayAction, SendTemplateAction } from '../../../schemas/nodes/step.ts'
import { whatsappLimits } from '../../../schemas/channel-limits.ts'
import { charCount, splitText } from '../text-limits.ts'
import type { WhatsAppContent, WhatsAppMessage } from './message.ts'
import {
  buttonTitle, chooseWhatsAppPresentation, defaultWhatsAppTexts, listButtonLabel, numberedLines,
  rowDescription, rowTitle, type WhatsAppTexts,
} from './present.ts'

/** One piece of content, with what a preview needs to know about how it was chosen. */
export interface RenderedContent {
  content: WhatsAppContent
  /** A menu degraded to numbered text. */
  numbered?: boolean
  /** Text shown for a template in previews and transcripts. */
  fallbackText?: string
}

export interface WhatsAppOutboundContext {
  /** Recipient wa_id or E.164 number. */
  to: string
  /** Epoch ms now, and of the customer's last inbound message (undefined: never wrote). */
  now: number
  lastInboundAt?: number
  texts?: Partial<WhatsAppTexts>
}

export interface HeldMessage {
  message: WhatsAppMessage
  reason: 'outside-24h-window'
}

export interface WhatsAppOutbound {
  messages: WhatsAppMessage[]
  /** Free-form messages WhatsApp would refuse outside the customer-service window; the host decides. */
  held: HeldMessage[]
}

const HOUR = 3_600_000

/** Whether free-form (non-template) messages may be sent now. */
export function insideServiceWindow(now: number, lastInboundAt: number | undefined): boolean {
  return lastInboundAt !== undefined && now - lastInboundAt <= whatsappLimits.serviceWindowHours * HOUR
}

/** Translate a batch of actions into request bodies, holding free-form ones outside the 24-hour window. */
export function whatsappOutbound(actions: readonly Action[], context: WhatsAppOutboundContext): WhatsAppOutbound {
  const open = insideServiceWindow(context.now, context.lastInboundAt)
  const result: WhatsAppOutbound = { messages: [], held: [] }
  for (const { content } of renderWhatsApp(actions, context.texts)) {
    const message = { messaging_product: 'whatsapp', recipient_type: 'individual', to: context.to, ...content } as WhatsAppMessage
    if (open || content.type === 'template') result.messages.push(message)
    else result.held.push({ message, reason: 'outside-24h-window' })
  }
  return result
}

/** The contents for a batch of actions; hand-off, end, notify, timers and HTTP calls are the host's business. */
export function renderWhatsApp(actions: readonly Action[], texts: Partial<WhatsAppTexts> = {}): RenderedContent[] {
  const wording = { ...defaultWhatsAppTexts, ...texts }
  return actions.flatMap((action): RenderedContent[] => {
    switch (action.type) {
      case 'say':
        return renderSay(action)
      case 'ask':
        return renderAsk(action, wording)
      case 'record':
        return textContents(action.text)
      case 'play':
        return [{ content: { type: 'audio', audio: { link: action.url } } }]
      case 'send-template':
        return [renderTemplate(action)]
      default:
        return []
    }
  })
}

function textContents(text: string, max: number = whatsappLimits.textBody): RenderedContent[] {
  if (text.trim() === '') return []
  return splitText(text, max).map((body) => ({ content: { type: 'text', text: { body, preview_url: false } } }))
}

/**
 * Media with a caption: media.caption when given, else the say text. Text the caption does not
 * carry (audio takes no caption; a caption over the limit) follows as its own message.
 */
function renderSay(action: SayAction): RenderedContent[] {
  if (!action.media) return textContents(action.text)
  const { kind, url } = action.media
  const caption = action.media.caption ?? action.text
  const captioned = kind !== 'audio' && caption.trim() !== '' && charCount(caption) <= whatsappLimits.interactiveBody
  const content = { type: kind, [kind]: { link: url, ...(captioned && { caption }) } } as WhatsAppContent
  const rest = captioned && caption === action.text ? '' : action.text
  return [{ content }, ...textContents(rest)]
}

function renderAsk(action: AskAction, texts: WhatsAppTexts): RenderedContent[] {
  const options = action.options ?? []
  if (options.length === 0) return textContents(action.text)
  const presentation = chooseWhatsAppPresentation(options)
  if (presentation === 'numbered') {
    const body = [action.text, numberedLines(options).join('\n'), texts.replyWithNumber].filter((p) => p.trim() !== '').join('\n\n')
    return textContents(body).map((c) => ({ ...c, numbered: true }))
  }
  const pieces = action.text.trim() === '' ? [texts.emptyBody] : splitText(action.text, whatsappLimits.interactiveBody)
  const lead = pieces.slice(0, -1).flatMap((piece) => textContents(piece))
  const body = { text: pieces[pieces.length - 1] }
  const interactive =
    presentation === 'buttons'
      ? { type: 'button' as const, body, action: { buttons: options.map((o) => ({ type: 'reply' as const, reply: { id: o.id, title: buttonTitle(o.label) } })) } }
      : {
          type: 'list' as const,
          body,
          action: {
            button: listButtonLabel(action.listButton, texts),
            sections: [{ rows: options.map((o) => ({ id: o.id, title: rowTitle(o.label), ...(o.description && { description: rowDescription(o.description) }) })) }],
          },
        }
  return [...lead, { content: { type: 'interactive', interactive } }]
}

function renderTemplate(action: SendTemplateAction): RenderedContent {
  const components = [
    ...(action.parameters.length > 0 ? [{ type: 'body' as const, parameters: action.parameters.map((text) => ({ type: 'text' as const, text })) }] : []),
    ...(action.buttons ?? []).map((b, i) => ({
      type: 'button' as const,
      sub_type: 'quick_reply' as const,
      index: String(i),
      parameters: [{ type: 'payload' as const, payload: b.id }],
    })),
  ]
  const template = { name: action.name, language: { code: action.language.replace('-', '_') }, components }
  return { content: { type: 'template', template }, fallbackText: action.fallbackText }
}
