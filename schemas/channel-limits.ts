/**
 * What each channel can show, as data: lint checks flows against it and the channel translators
 * degrade by it (runtime/channels/<name>/). Sources: ../shared/reference/channels.md.
 */
export const whatsappLimits = {
  /** Reply buttons per message, and characters per button title. */
  buttons: 3,
  buttonTitle: 20,
  /** Rows in a list message (all sections together), row title / description, list button label. */
  listRows: 10,
  rowTitle: 24,
  rowDescription: 72,
  listButton: 20,
  /** Body of an interactive message (buttons or list) and of a plain text message. */
  interactiveBody: 1024,
  textBody: 4096,
  /** Hours after the customer's last message during which free-form messages may be sent. */
  serviceWindowHours: 24,
} as const

export const voiceLimits = {
  /** Keys a caller can press. */
  keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as readonly string[],
  /** Options one prompt can offer by a single digit; more need a "more options" path. */
  options: 9,
} as const

export const webchatLimits = {
  quickReplies: 10,
  textBody: 4096,
} as const
