/** WhatsApp webhook test helpers: signing and envelopes in the exact shapes of Meta's documentation. */
import { createHmac } from 'node:crypto'

/** The X-Hub-Signature-256 header value Meta would send for this raw body. */
export function signWhatsApp(body: string | Buffer, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(body).digest('hex')
}

export interface EnvelopeOptions {
  phoneNumberId?: string
  displayPhoneNumber?: string
  waId?: string
  name?: string
}

/** A `messages` webhook envelope carrying the given messages (and the contact who sent them). */
export function messagesEnvelope(messages: object[], options: EnvelopeOptions = {}) {
  const { phoneNumberId = '106540352242922', displayPhoneNumber = '15550783881', waId = '16505551234', name = 'Kerry Fisher' } = options
  return {
    object: 'whatsapp_business_account',
    entry: [{
      id: '102290129340398',
      changes: [{
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: displayPhoneNumber, phone_number_id: phoneNumberId },
          contacts: [{ profile: { name }, wa_id: waId }],
          messages,
        },
      }],
    }],
  }
}

/** A `statuses` webhook envelope (delivery reports: no contacts). */
export function statusesEnvelope(statuses: object[], options: EnvelopeOptions = {}) {
  const { phoneNumberId = '106540352242922', displayPhoneNumber = '15550783881' } = options
  return {
    object: 'whatsapp_business_account',
    entry: [{
      id: '102290129340398',
      changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: displayPhoneNumber, phone_number_id: phoneNumberId }, statuses } }],
    }],
  }
}

const seconds = (at: number) => String(Math.floor(at / 1000))

export const textMessage = (id: string, body: string, at: number, from = '16505551234') => ({ from, id, timestamp: seconds(at), type: 'text', text: { body } })

export const buttonReply = (id: string, buttonId: string, title: string, at: number, context?: string, from = '16505551234') => ({
  from, id, timestamp: seconds(at), type: 'interactive',
  ...(context && { context: { from: '15550783881', id: context } }),
  interactive: { type: 'button_reply', button_reply: { id: buttonId, title } },
})

export const listReply = (id: string, rowId: string, title: string, at: number, context?: string, from = '16505551234') => ({
  from, id, timestamp: seconds(at), type: 'interactive',
  ...(context && { context: { from: '15550783881', id: context } }),
  interactive: { type: 'list_reply', list_reply: { id: rowId, title, description: '' } },
})

export const status = (id: string, value: string, at: number, recipient = '16505551234', errors?: object[]) => ({
  id, status: value, timestamp: seconds(at), recipient_id: recipient, ...(errors && { errors }),
})

/** POSTs a signed webhook (or with the given signature header; null sends none). */
export async function postWhatsApp(baseUrl: string, payload: unknown, secret: string, signature?: string | null): Promise<Response> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload)
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const sig = signature === undefined ? signWhatsApp(body, secret) : signature
  if (sig !== null) headers['x-hub-signature-256'] = sig
  return fetch(`${baseUrl}/webhooks/whatsapp`, { method: 'POST', headers, body })
}
