/**
 * Engine actions → web chat server frames. Up to webchatLimits.quickReplies options are quick
 * replies under the bubble; more open a list sheet. Nothing is truncated: the widget wraps.
 */
import type { Action, AskOption } from '../../../schemas/nodes/step.ts'
import { webchatLimits } from '../../../schemas/channel-limits.ts'
import { splitText } from '../text-limits.ts'
import type { ServerFrame, ServerMessageFrame } from './protocol.ts'

export interface WebchatOutboundContext {
  /** Id of the first message frame in this batch; the following ones count up (`m7`, `m8`, …). */
  firstId: number
  /** Label of the button that opens a list when the ask has none. */
  listButton?: string
}

export type WebchatPresentation = 'quick-replies' | 'list'

/** Quick replies while they fit, a list sheet beyond. */
export function chooseWebchatPresentation(options: readonly AskOption[]): WebchatPresentation {
  return options.length <= webchatLimits.quickReplies ? 'quick-replies' : 'list'
}

/** The frames for a batch of actions; timers, HTTP calls, notifications and feedback produce none. */
export function webchatOutbound(actions: readonly Action[], context: WebchatOutboundContext): ServerFrame[] {
  let next = context.firstId
  const bubble = (text: string, extra: Partial<ServerMessageFrame> = {}): ServerMessageFrame[] =>
    splitText(text, webchatLimits.textBody).map((piece, i, all) => ({
      type: 'message', id: `m${next++}`, text: piece, ...(i === all.length - 1 ? extra : {}),
    }))
  return actions.flatMap((action): ServerFrame[] => {
    switch (action.type) {
      case 'say':
        return bubble(action.text, action.media ? { media: { kind: action.media.kind, url: action.media.url } } : {})
      case 'record':
        return bubble(action.text)
      case 'play':
        return bubble('', { media: { kind: 'audio', url: action.url } })
      case 'send-template':
        return bubble(action.fallbackText, choices(action.buttons ?? [], undefined, context))
      case 'ask':
        return bubble(action.text, choices(action.options ?? [], action.listButton, context))
      case 'hand-off':
        return [{ type: 'handed-off', queue: action.queue }]
      case 'end':
        return [{ type: 'ended' }]
      default:
        return []
    }
  })
}

function choices(options: readonly AskOption[], listButton: string | undefined, context: WebchatOutboundContext): Partial<ServerMessageFrame> {
  if (options.length === 0) return {}
  if (chooseWebchatPresentation(options) === 'quick-replies') return { quickReplies: options.map((o) => ({ id: o.id, label: o.label })) }
  const rows = options.map((o) => ({ id: o.id, title: o.label, ...(o.description && { description: o.description }) }))
  return { list: { button: listButton?.trim() || context.listButton || 'Choose', rows } }
}
