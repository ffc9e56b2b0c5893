/**
 * A TwiML document as data, and its serialisation. Every text and attribute is escaped here and
 * only here, so no flow text can break the XML (property-tested in voice/twiml.test.ts).
 * SSML is the one exception: it is already XML, so it is checked before it is emitted raw.
 */

export type VerbName = 'Say' | 'Play' | 'Pause' | 'Gather' | 'Record' | 'Redirect' | 'Enqueue' | 'Dial' | 'Sip' | 'Hangup'

export interface Verb {
  verb: VerbName
  attributes?: Record<string, string | number | boolean | undefined>
  /** Escaped text content. */
  text?: string
  /** Well-formed XML content (SSML inside Say), emitted as is. */
  xml?: string
  children?: Verb[]
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

/**
 * Escape text for XML content and attribute values. Characters XML 1.0 cannot carry at all
 * (C0 controls other than tab/newline/return, lone surrogates, U+FFFE/U+FFFF) are dropped.
 */
export function escapeXml(text: string): string {
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (!isXmlChar(code)) continue
    out += ENTITIES[char] ?? char
  }
  return out
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 || code === 0xa || code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  )
}

function attributes(attrs: Verb['attributes']): string {
  return Object.entries(attrs ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('')
}

function serialize(verb: Verb): string {
  const inner = (verb.text !== undefined ? escapeXml(verb.text) : '') + (verb.xml ?? '') + (verb.children ?? []).map(serialize).join('')
  const open = `<${verb.verb}${attributes(verb.attributes)}`
  return inner === '' ? `${open}/>` : `${open}>${inner}</${verb.verb}>`
}

/** A complete TwiML response document. */
export function twimlDocument(verbs: readonly Verb[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${verbs.map(serialize).join('')}</Response>`
}

/**
 * Whether a fragment is balanced, well-formed XML element content (used to vet SSML before it is
 * emitted raw): tags nest and close, attributes are quoted, & starts a known or numeric entity.
 */
export function isWellFormedFragment(xml: string): boolean {
  const stack: string[] = []
  const token = /<\/?([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<&]*"|'[^'<&]*'))*)\s*(\/?)>|&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);|[<>&]/g
  for (const match of xml.matchAll(token)) {
    const [whole, name, , selfClosing] = match
    if (!name) {
      if (whole.length === 1) return false
      continue
    }
    if (whole.startsWith('</')) {
      if (stack.pop() !== name) return false
    } else if (!selfClosing) stack.push(name)
  }
  return stack.length === 0 && [...xml].every((c) => isXmlChar(c.codePointAt(0)!))
}
