/**
 * How a channel shows a batch of engine actions, described channel-neutrally for people:
 * the CLI's `chat`, transcripts and the designer's simulator all print from this.
 * Implemented by previewActions() below from each channel's own outbound translator.
 */
import type { Action, ChannelName } from '../../schemas/nodes/step.ts'

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
