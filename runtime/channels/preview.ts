/**
 * How a channel shows a batch of engine actions, described channel-neutrally for people:
 * the CLI's `chat`, transcripts and the designer's simulator all print from this.
 * Implemented by previewActions() below from each channel's own outbound translator.
 */
import type { Action, ChannelName } from '../../schemas/nodes/step.ts'
import { renderWhatsApp, type RenderedContent } from './whatsapp/outbound.ts'
import type { MediaObject } from './whatsapp/message.ts'
import { voiceVerbs } from './voice/outbound.ts'
import type { Verb } from './voice/twiml.ts'
import { webchatOutbound } from './webchat/outbound.ts'

export interface PreviewTurn {
  /** The bubble text (WhatsApp / web chat) or what the phone says (voice). */
  text: string
  /** Reply buttons shown under the message (WhatsApp ≤ 3, web chat quick replies). */
  buttons?: string[]
  /** A list sheet: the button that opens it and its rows. */
  list?: { button: string; rows: { title: string; description?: string }[] }
  /** Options degraded to numbered text ("1. Track your order"), already part of `text`. */
  numbered?: boolean
  /** Media sent with the turn. */
  media?: { kind: string; url: string }
  /** A WhatsApp template by name (outside the 24-hour window). */
  template?: string
  /** What the channel does that is not a message: "listens for 1 digit", "records up to 120 s", "transfers to queue support", "hangs up". */
  note?: string
}

export interface PreviewOptions {
  /** The conversation's language (voice says "Press 1 for …" in it). Default 'en'. */
  language?: string
}

/**
 * How `channel` shows a batch of actions to a person, one turn per shown action, derived from the
 * channel's own outbound translator so a preview and the real payload never disagree. Timers,
 * HTTP calls, notifications, feedback and opt-out show nothing.
 */
export function previewActions(channel: ChannelName, actions: readonly Action[], options: PreviewOptions = {}): PreviewTurn[] {
  return actions.flatMap((action) => {
    if (channel === 'whatsapp') return previewWhatsApp(action)
    if (channel === 'voice') return previewVoice(action, options.language)
    return previewWebchat(action)
  })
}

const transferNote = (queue: string) => `transfers to a human (queue ${queue})`

function previewWhatsApp(action: Action): PreviewTurn[] {
  if (action.type === 'hand-off') return [{ text: '', note: transferNote(action.queue) }]
  if (action.type === 'end') return [{ text: '', note: 'ends the conversation' }]
  const turns = renderWhatsApp([action]).map(whatsappTurn)
  if (action.type === 'send-template' && action.buttons?.length) turns[turns.length - 1].buttons = action.buttons.map((b) => b.label)
  return turns
}

function whatsappTurn({ content, numbered, fallbackText }: RenderedContent): PreviewTurn {
  switch (content.type) {
    case 'text':
      return { text: content.text.body, ...(numbered && { numbered: true }) }
    case 'template':
      return { text: fallbackText ?? '', template: content.template.name }
    case 'interactive': {
      const { interactive } = content
      if (interactive.type === 'button') return { text: interactive.body.text, buttons: interactive.action.buttons.map((b) => b.reply.title) }
      const rows = interactive.action.sections.flatMap((s) => s.rows.map((r) => ({ title: r.title, ...(r.description && { description: r.description }) })))
      return { text: interactive.body.text, list: { button: interactive.action.button, rows } }
    }
    default: {
      const media = (content as Record<string, unknown>)[content.type] as MediaObject
      return { text: media.caption ?? '', media: { kind: content.type, url: media.link ?? media.id ?? '' } }
    }
  }
}

function previewVoice(action: Action, language: string | undefined): PreviewTurn[] {
  const verbs = voiceVerbs([action], { actionUrl: 'preview:', language })
  const spoken = (list: readonly Verb[]) => list.filter((v) => v.verb === 'Say').map(sayText).join(' ')
  if (action.type === 'ask') {
    const gather = verbs.find((v) => v.verb === 'Gather')!
    const digits = gather.attributes?.numDigits
    const listens = gather.attributes?.input === 'speech' ? 'listens for speech' : digits ? `listens for ${digits} digit${digits === 1 ? '' : 's'} or speech` : 'listens for digits or speech'
    return [{ text: spoken(gather.children ?? []), ...audioOf(gather.children ?? []), note: listens }]
  }
  if (action.type === 'record') return [{ text: spoken(verbs), ...audioOf(verbs), note: `records up to ${action.maxSeconds} s` }]
  return verbs.flatMap((verb): PreviewTurn[] => {
    switch (verb.verb) {
      case 'Say':
        return [{ text: sayText(verb) }]
      case 'Play':
        return [{ text: '', media: { kind: 'audio', url: verb.text ?? '' }, note: 'plays audio' }]
      case 'Enqueue':
        return [{ text: '', note: transferNote(verb.text ?? '') }]
      case 'Dial':
        return [{ text: '', note: `transfers to a human (dials ${verb.text ?? verb.children?.[0]?.text ?? ''})` }]
      case 'Hangup':
        return [{ text: '', note: 'hangs up' }]
      default:
        return []
    }
  })
}

const sayText = (verb: Verb) => verb.text ?? (verb.xml ?? '').replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim()

function audioOf(verbs: readonly Verb[]): Pick<PreviewTurn, 'media'> {
  const play = verbs.find((v) => v.verb === 'Play')
  return play ? { media: { kind: 'audio', url: play.text ?? '' } } : {}
}

function previewWebchat(action: Action): PreviewTurn[] {
  return webchatOutbound([action], { firstId: 0 }).flatMap((frame): PreviewTurn[] => {
    if (frame.type === 'handed-off') return [{ text: '', note: transferNote(frame.queue) }]
    if (frame.type === 'ended') return [{ text: '', note: 'ends the conversation' }]
    if (frame.type !== 'message') return []
    return [{
      text: frame.text,
      ...(frame.quickReplies && { buttons: frame.quickReplies.map((q) => q.label) }),
      ...(frame.list && { list: { button: frame.list.button, rows: frame.list.rows.map(({ title, description }) => ({ title, ...(description && { description }) })) } }),
      ...(frame.media && { media: frame.media }),
    }]
  })
}
