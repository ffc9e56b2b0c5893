/**
 * Length helpers shared by the channel translators. Limits count Unicode code points (what a
 * person sees as characters, near enough), never UTF-16 units, so an emoji is never cut in half.
 */

/** Number of code points in a string. */
export const charCount = (text: string): number => [...text].length

/** Cut to at most `max` code points, ending with an ellipsis when cut. The last resort: lint warns first. */
export function truncate(text: string, max: number): string {
  const chars = [...text]
  return chars.length <= max ? text : chars.slice(0, Math.max(0, max - 1)).join('').trimEnd() + '…'
}

/**
 * Split a long text into pieces of at most `max` code points, preferring to cut after a paragraph,
 * a line, a sentence or a space, in that order, within the last third of a piece.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = []
  let rest = [...text]
  while (rest.length > max) {
    const window = rest.slice(0, max).join('')
    const cut = bestCut(window, Math.floor((max * 2) / 3))
    const head = [...window.slice(0, cut)]
    pieces.push(head.join('').trimEnd())
    rest = rest.slice(head.length)
    while (rest.length > 0 && /\s/.test(rest[0])) rest.shift()
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest.join(''))
  return pieces
}

function bestCut(window: string, minimum: number): number {
  for (const separator of ['\n\n', '\n', '. ', ' ']) {
    const at = window.lastIndexOf(separator)
    if (at >= minimum) return at + separator.length
  }
  return window.length
}
