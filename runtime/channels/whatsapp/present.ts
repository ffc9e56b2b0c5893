/**
 * How WhatsApp shows a question with options. One decision shared by the real outbound
 * translator and the previews, so what the simulator shows is what the customer gets.
 */
import type { AskOption } from '../../../schemas/nodes/step.ts'
import { whatsappLimits } from '../../../schemas/channel-limits.ts'
import { charCount, truncate } from '../text-limits.ts'

export type WhatsAppPresentation = 'buttons' | 'list' | 'numbered'

/** Wording the channel adds on its own; hosts may localize it. */
export interface WhatsAppTexts {
  /** Label of the button that opens a list when the ask has no listButton. */
  listButton: string
  /** Line appended under a numbered text menu. */
  replyWithNumber: string
  /** Body used when an interactive message has no text (WhatsApp refuses an empty body). */
  emptyBody: string
}

export const defaultWhatsAppTexts: WhatsAppTexts = {
  listButton: 'Choose',
  replyWithNumber: 'Reply with a number.',
  emptyBody: 'Please choose:',
}

/**
 * Reply buttons when there are at most 3 options whose titles fit 20 characters and differ;
 * a list for up to 10 options; numbered text beyond that.
 */
export function chooseWhatsAppPresentation(options: readonly AskOption[]): WhatsAppPresentation {
  const { buttons, buttonTitle, listRows } = whatsappLimits
  const labels = options.map((o) => o.label.trim())
  const fits = labels.every((l) => l.length > 0 && charCount(l) <= buttonTitle)
  if (options.length <= buttons && fits && new Set(labels).size === labels.length) return 'buttons'
  if (options.length <= listRows) return 'list'
  return 'numbered'
}

/** "1. Track your order" lines, numbered by position (the inbound side maps numbers back by position).
 *  A score scale (every id a number: a survey's 0-10) is numbered by score, since the customer types the score. */
export function numberedLines(options: readonly AskOption[]): string[] {
  if (isScoreScale(options)) return options.map((o) => (o.label === o.id ? o.id : `${o.id}. ${o.label}`))
  return options.map((o, i) => `${i + 1}. ${o.label}`)
}

/** Options whose ids are the numbers a customer types (survey scores), not positions. */
export const isScoreScale = (options: readonly AskOption[]) => options.length > 0 && options.every((o) => /^\d{1,2}$/.test(o.id))

/** Button title, row title and row description clipped to WhatsApp's limits. */
export const buttonTitle = (label: string) => truncate(label.trim(), whatsappLimits.buttonTitle)
export const rowTitle = (label: string) => truncate(label.trim(), whatsappLimits.rowTitle)
export const rowDescription = (text: string) => truncate(text.trim(), whatsappLimits.rowDescription)
export const listButtonLabel = (label: string | undefined, texts: WhatsAppTexts) =>
  truncate((label ?? '').trim() || texts.listButton, whatsappLimits.listButton)
