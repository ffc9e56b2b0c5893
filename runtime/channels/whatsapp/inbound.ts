/**
 * Meta WhatsApp webhook envelope → engine events (customer messages) and delivery statuses.
 * Never throws: a malformed envelope gives `{ error }` and nothing else, so it changes nothing.
 */
import type { MediaPayload, MessageReceived } from '../../../schemas/nodes/step.ts'
import { arrayField, isRecord, Malformed, need, stringField, type Json } from '../shape.ts'

export interface WhatsAppInboundMessage {
  /** Our number that received it; also the id in the send URL. */
  phoneNumberId: string
  /** The customer's wa_id (digits, no '+'). */
  from: string
  name?: string
  /** The wamid: dedupe on it. */
  messageId: string
  /** Epoch ms. */
  timestamp: number
  /** Our outbound wamid the customer replied to or tapped. */
  replyTo?: string
  event: MessageReceived
}

export interface WhatsAppStatus {
  phoneNumberId: string
  /** Our outbound wamid. */
  messageId: string
  recipient: string
  status: 'sent' | 'delivered' | 'read' | 'failed' | 'played' | string
  at: number
  errors?: { code?: number; title?: string; message?: string; details?: string }[]
}

export interface WhatsAppIgnored {
  messageId?: string
  type: string
  reason: string
}

export interface WhatsAppInbound {
  messages: WhatsAppInboundMessage[]
  statuses: WhatsAppStatus[]
  /** Parts of a valid envelope the runtime does not act on (reactions, unsupported types, other fields). */
  ignored: WhatsAppIgnored[]
  error?: string
}

const MEDIA_KINDS = ['image', 'audio', 'video', 'document', 'sticker', 'voice'] as const

/** Parse a webhook POST body (already JSON-parsed; verify the signature on the raw bytes first). */
export function whatsappInbound(payload: unknown): WhatsAppInbound {
  const result: WhatsAppInbound = { messages: [], statuses: [], ignored: [] }
  try {
    if (!isRecord(payload) || payload.object !== 'whatsapp_business_account') throw new Malformed('not a whatsapp_business_account webhook')
    for (const [e, entry] of need(arrayField(payload, 'entry'), 'entry is not an array').entries()) {
      if (!isRecord(entry)) throw new Malformed(`entry[${e}] is not an object`)
      for (const [c, change] of need(arrayField(entry, 'changes'), `entry[${e}].changes is not an array`).entries()) {
        readChange(change, `entry[${e}].changes[${c}]`, result)
      }
    }
    return result
  } catch (error) {
    if (error instanceof Malformed) return { messages: [], statuses: [], ignored: [], error: error.message }
    throw error
  }
}

function readChange(change: unknown, where: string, result: WhatsAppInbound): void {
  if (!isRecord(change) || !isRecord(change.value)) throw new Malformed(`${where}.value is not an object`)
  if (change.field !== undefined && change.field !== 'messages') {
    result.ignored.push({ type: String(change.field), reason: 'not a messages change' })
    return
  }
  const value = change.value
  const metadata = isRecord(value.metadata) ? value.metadata : {}
  const phoneNumberId = need(stringField(metadata, 'phone_number_id'), `${where}.value.metadata.phone_number_id is missing`)
  const contacts = need(arrayField(value, 'contacts'), `${where}.value.contacts is not an array`).filter(isRecord)
  for (const [m, message] of need(arrayField(value, 'messages'), `${where}.value.messages is not an array`).entries()) {
    readMessage(message, `${where}.value.messages[${m}]`, phoneNumberId, contacts, result)
  }
  for (const [s, status] of need(arrayField(value, 'statuses'), `${where}.value.statuses is not an array`).entries()) {
    result.statuses.push(readStatus(status, `${where}.value.statuses[${s}]`, phoneNumberId))
  }
}

function readMessage(message: unknown, where: string, phoneNumberId: string, contacts: Json[], result: WhatsAppInbound): void {
  if (!isRecord(message)) throw new Malformed(`${where} is not an object`)
  const messageId = need(stringField(message, 'id'), `${where}.id is missing`)
  const from = need(stringField(message, 'from'), `${where}.from is missing`)
  const timestamp = readTimestamp(message.timestamp, `${where}.timestamp`)
  const type = need(stringField(message, 'type'), `${where}.type is missing`)
  const content = readContent(message, type, where)
  if ('reason' in content) {
    result.ignored.push({ messageId, type, reason: content.reason })
    return
  }
  const contact = contacts.find((c) => c.wa_id === from) ?? (contacts.length === 1 ? contacts[0] : undefined)
  const name = contact && isRecord(contact.profile) ? stringField(contact.profile, 'name') : undefined
  const replyTo = isRecord(message.context) ? stringField(message.context, 'id') : undefined
  result.messages.push({
    phoneNumberId, from, ...(name && { name }), messageId, timestamp, ...(replyTo && { replyTo }),
    event: { type: 'message-received', at: timestamp, messageId, ...content },
  })
}

type Content = Omit<MessageReceived, 'type' | 'at' | 'messageId'>

function readContent(message: Json, type: string, where: string): Content | { reason: string } {
  const body = message[type]
  if (type !== 'text' && type !== 'interactive' && type !== 'button' && type !== 'location' && !isMedia(type)) {
    return { reason: `unsupported message type "${type}"` }
  }
  if (!isRecord(body)) throw new Malformed(`${where}.${type} is not an object`)
  if (type === 'text') return { text: need(typeof body.body === 'string' ? body.body : undefined, `${where}.text.body is missing`) }
  if (type === 'button') {
    const payload = need(stringField(body, 'payload'), `${where}.button.payload is missing`)
    return { choice: payload, ...(stringField(body, 'text') && { text: stringField(body, 'text') }) }
  }
  if (type === 'interactive') {
    const kind = stringField(body, 'type') ?? ''
    const reply = body[kind]
    if (kind !== 'button_reply' && kind !== 'list_reply') return { reason: `unsupported interactive reply "${kind}"` }
    if (!isRecord(reply)) throw new Malformed(`${where}.interactive.${kind} is not an object`)
    const id = need(stringField(reply, 'id'), `${where}.interactive.${kind}.id is missing`)
    return { choice: id, ...(stringField(reply, 'title') && { text: stringField(reply, 'title') }) }
  }
  if (type === 'location') return { location: readLocation(body, `${where}.location`) }
  return { media: readMedia(body, type as MediaPayload['kind']) }
}

const isMedia = (type: string): type is MediaPayload['kind'] => (MEDIA_KINDS as readonly string[]).includes(type)

function readMedia(body: Json, type: MediaPayload['kind']): MediaPayload {
  const kind = type === 'audio' && body.voice === true ? 'voice' : type
  const fields = { id: stringField(body, 'id'), url: stringField(body, 'url'), mime: stringField(body, 'mime_type'), caption: stringField(body, 'caption') }
  return { kind, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) }
}

function readLocation(body: Json, where: string): NonNullable<MessageReceived['location']> {
  const latitude = body.latitude
  const longitude = body.longitude
  if (typeof latitude !== 'number' || typeof longitude !== 'number' || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
    throw new Malformed(`${where} has no numeric latitude/longitude`)
  }
  const name = stringField(body, 'name')
  const address = stringField(body, 'address')
  return { latitude, longitude, ...(name && { name }), ...(address && { address }) }
}

function readStatus(status: unknown, where: string, phoneNumberId: string): WhatsAppStatus {
  if (!isRecord(status)) throw new Malformed(`${where} is not an object`)
  const errors = Array.isArray(status.errors)
    ? status.errors.filter(isRecord).map((e) => {
        const details = isRecord(e.error_data) ? stringField(e.error_data, 'details') : undefined
        const fields = { code: typeof e.code === 'number' ? e.code : undefined, title: stringField(e, 'title'), message: stringField(e, 'message'), details }
        return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
      })
    : undefined
  return {
    phoneNumberId,
    messageId: need(stringField(status, 'id'), `${where}.id is missing`),
    recipient: stringField(status, 'recipient_id') ?? '',
    status: need(stringField(status, 'status'), `${where}.status is missing`),
    at: readTimestamp(status.timestamp, `${where}.timestamp`),
    ...(errors && errors.length > 0 && { errors }),
  }
}

/** WhatsApp timestamps are strings of Unix seconds; accept a number too. */
function readTimestamp(value: unknown, where: string): number {
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : typeof value === 'number' ? value : NaN
  if (!Number.isFinite(seconds) || seconds < 0) throw new Malformed(`${where} is not a Unix time in seconds`)
  return seconds * 1000
}
