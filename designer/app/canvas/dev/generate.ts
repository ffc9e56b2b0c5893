/** A generated flow for performance checks (shared by harness.tsx and bare.tsx). */
import type { Flow } from '../../../../schemas/nodes/step.ts'

/** A chain of message and menu nodes laid out in a grid (for performance checks). */
export function generated(count: number): Flow {
  const nodes = Array.from({ length: count }, (_, i) => {
    const next = i + 1 < count ? `n${i + 1}` : undefined
    const position = { x: (i % 25) * 320, y: Math.floor(i / 25) * 240 }
    return i % 5 === 0
      ? { id: `n${i}`, type: 'menu', name: `Menu ${i}`, text: 'Pick one', options: [{ id: 'a', label: 'First' }, { id: 'b', label: 'Second' }], exits: next ? { a: next, b: next, invalid: next, timeout: next } : {}, position }
      : { id: `n${i}`, type: 'message', name: `Message ${i}`, text: `Message number ${i}`, exits: next ? { next } : {}, position }
  })
  return { id: 'generated', name: 'Generated', version: 1, channels: ['whatsapp'], languages: ['en'], defaultLanguage: 'en', start: 'n0', nodes } as unknown as Flow
}
