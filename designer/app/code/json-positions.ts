/**
 * A small JSON position mapper: where a JSON pointer's value (and its key) sits in a text, so the
 * code view can reveal a pointer and draw the validator's problems as markers. It scans the text once
 * and tolerates a broken tail: everything before a syntax error is still mapped.
 */

export interface Span {
  /** Offset of the value's first character. */
  start: number
  /** Offset just after the value. */
  end: number
  /** Offset of the member's key (with its quote) when the value is an object member. */
  keyStart?: number
}

const escapePointer = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1')

/** Every pointer in the text and its span ('' is the whole document). */
export function pointerSpans(text: string): Map<string, Span> {
  const spans = new Map<string, Span>()
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++
  }
  const fail = (): never => {
    throw new SyntaxError(`unexpected at ${i}`)
  }
  const string = (): string => {
    const from = i
    i++
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    if (i >= text.length) fail()
    i++
    return JSON.parse(text.slice(from, i))
  }
  const value = (pointer: string, keyStart?: number): void => {
    ws()
    const start = i
    const record = () => spans.set(pointer, { start, end: i, ...(keyStart !== undefined && { keyStart }) })
    spans.set(pointer, { start, end: text.length, ...(keyStart !== undefined && { keyStart }) })
    const c = text[i]
    if (c === '{') {
      i++
      ws()
      if (text[i] === '}') i++
      else
        for (;;) {
          ws()
          if (text[i] !== '"') fail()
          const keyAt = i
          const key = string()
          ws()
          if (text[i++] !== ':') fail()
          value(`${pointer}/${escapePointer(key)}`, keyAt)
          ws()
          if (text[i] === ',') i++
          else if (text[i] === '}') {
            i++
            break
          } else fail()
        }
    } else if (c === '[') {
      i++
      ws()
      if (text[i] === ']') i++
      else
        for (let n = 0; ; n++) {
          value(`${pointer}/${n}`)
          ws()
          if (text[i] === ',') i++
          else if (text[i] === ']') {
            i++
            break
          } else fail()
        }
    } else if (c === '"') string()
    else {
      const match = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64))
      if (!match) fail()
      i += match![0].length
    }
    record()
  }
  try {
    value('')
  } catch {
    // keep what was mapped before the error
  }
  return spans
}

/** The span of a pointer, or of its nearest mapped ancestor (a missing field points at its object). */
export function spanOf(text: string, pointer: string, spans = pointerSpans(text)): Span & { exact: boolean } {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const span = spans.get(p)
    if (span) return { ...span, exact: p === pointer }
    if (!p) return { start: 0, end: 0, exact: false }
  }
}

export interface TextRange {
  startLineNumber: number
  startColumn: number
  endLineNumber: number
  endColumn: number
}

/** Line and column (1-based, as Monaco counts) of an offset. */
export function positionAt(text: string, offset: number): { lineNumber: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let k = 0; k < offset && k < text.length; k++) if (text.charCodeAt(k) === 10) (line++, (lineStart = k + 1))
  return { lineNumber: line, column: offset - lineStart + 1 }
}

/** The text range of a pointer: from its key (when it has one) to the end of its value. */
export function pointerRange(text: string, pointer: string, spans?: Map<string, Span>): TextRange {
  const span = spanOf(text, pointer, spans)
  const start = positionAt(text, span.keyStart ?? span.start)
  const end = positionAt(text, span.end)
  return { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column }
}

/**
 * The smallest single edit that turns `before` into `after` (common prefix and suffix kept), so a
 * document change rewrites only what changed and the cursor elsewhere stays where it was.
 */
export function minimalEdit(before: string, after: string): { start: number; end: number; text: string } | undefined {
  if (before === after) return undefined
  let start = 0
  const max = Math.min(before.length, after.length)
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++
  let tail = 0
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) }
}
