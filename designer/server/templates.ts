/** Starting points for "New flow" in the Explorer. Each is a valid flow a marketer can run at once. */
import type { Flow } from '../../schemas/nodes/step.ts'

type Template = (id: string, name: string) => Flow

const blank: Template = (id, name) => ({
  $schema: '../schemas/flow.schema.json',
  id,
  name,
  version: 1,
  channels: ['whatsapp', 'webchat'],
  languages: ['en'],
  defaultLanguage: 'en',
  start: 'welcome',
  nodes: [
    { id: 'welcome', type: 'message', name: 'Welcome', text: 'Hi {{contact.name}}! 👋', exits: { next: 'goodbye' }, position: { x: 0, y: 0 } },
    { id: 'goodbye', type: 'end', name: 'Goodbye', text: 'Thanks for writing!', position: { x: 320, y: 0 } },
  ],
}) as Flow

const whatsappMenu: Template = (id, name) => ({
  ...blank(id, name),
  nodes: [
    { id: 'welcome', type: 'message', name: 'Welcome', text: 'Hi {{contact.name}}! 👋', exits: { next: 'main-menu' }, position: { x: 0, y: 0 } },
    {
      id: 'main-menu',
      type: 'menu',
      name: 'Main menu',
      text: 'How can we help?',
      options: [
        { id: 'track', label: 'Track your order' },
        { id: 'faq', label: 'Questions' },
        { id: 'agent', label: 'Talk to us' },
      ],
      exits: { track: 'goodbye', faq: 'goodbye', agent: 'agent' },
      position: { x: 320, y: 0 },
    },
    { id: 'agent', type: 'handoff', name: 'Agent', queue: 'support', exits: { resolved: 'goodbye' }, position: { x: 640, y: 160 } },
    { id: 'goodbye', type: 'end', name: 'Goodbye', text: 'Thanks for writing!', position: { x: 960, y: 0 } },
  ],
}) as Flow

const ivr: Template = (id, name) => ({
  ...blank(id, name),
  channels: ['voice'],
  start: 'main-menu',
  nodes: [
    {
      id: 'main-menu',
      type: 'menu',
      name: 'Main menu',
      text: 'Welcome.',
      options: [
        { id: 'sales', label: 'Sales', key: '1' },
        { id: 'support', label: 'Support', key: '2' },
      ],
      exits: { sales: 'transfer', support: 'transfer', timeout: 'goodbye', invalid: 'goodbye' },
      position: { x: 0, y: 0 },
    },
    { id: 'transfer', type: 'handoff', name: 'Transfer', queue: 'agents', exits: { resolved: 'goodbye' }, position: { x: 320, y: 0 } },
    { id: 'goodbye', type: 'end', name: 'Goodbye', text: 'Goodbye.', position: { x: 640, y: 0 } },
  ],
}) as Flow

export const templates: Record<string, { title: string; make: Template }> = {
  blank: { title: 'Blank flow', make: blank },
  'whatsapp-menu': { title: 'WhatsApp menu', make: whatsappMenu },
  ivr: { title: 'Phone IVR menu', make: ivr },
}
