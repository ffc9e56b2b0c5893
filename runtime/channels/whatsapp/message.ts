/** The WhatsApp Cloud API message bodies this channel produces (POST /{phone-number-id}/messages). */

export interface MediaObject {
  link?: string
  id?: string
  caption?: string
  filename?: string
}
export interface ReplyButton {
  type: 'reply'
  reply: { id: string; title: string }
}
export interface ListRow {
  id: string
  title: string
  description?: string
}
export interface InteractiveButtons {
  type: 'button'
  body: { text: string }
  action: { buttons: ReplyButton[] }
}
export interface InteractiveList {
  type: 'list'
  body: { text: string }
  action: { button: string; sections: { title?: string; rows: ListRow[] }[] }
}
export interface TemplateComponent {
  type: 'body' | 'button'
  sub_type?: 'quick_reply'
  index?: string
  parameters: ({ type: 'text'; text: string } | { type: 'payload'; payload: string })[]
}
export interface TemplateObject {
  name: string
  language: { code: string }
  components: TemplateComponent[]
}

/** What is sent, without the envelope fields. */
export type WhatsAppContent =
  | { type: 'text'; text: { body: string; preview_url: boolean } }
  | { type: 'image'; image: MediaObject }
  | { type: 'audio'; audio: MediaObject }
  | { type: 'video'; video: MediaObject }
  | { type: 'document'; document: MediaObject }
  | { type: 'interactive'; interactive: InteractiveButtons | InteractiveList }
  | { type: 'template'; template: TemplateObject }

/** A full request body. */
export type WhatsAppMessage = { messaging_product: 'whatsapp'; recipient_type: 'individual'; to: string } & WhatsAppContent
