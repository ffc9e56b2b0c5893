/** The shared validator's problems as Monaco markers, placed by their JSON pointers. */
import type { Problem } from '../../../schemas/validate.ts'
import { pointerRange, pointerSpans, type TextRange } from './json-positions.ts'

export interface ProblemMarker extends TextRange {
  severity: 'error' | 'warning' | 'info'
  message: string
  code: string
  source: string
}

/** Where a problem sits: a JSON syntax error by the line and column in its message, the rest by pointer. */
export function problemMarkers(text: string, problems: readonly Problem[]): ProblemMarker[] {
  const spans = pointerSpans(text)
  const lines = text.split('\n')
  return problems.map((problem) => {
    const at = problem.source === 'json' ? /line (\d+), column (\d+)/.exec(problem.message) : null
    const range: TextRange = at
      ? { startLineNumber: Number(at[1]), startColumn: Number(at[2]), endLineNumber: Number(at[1]), endColumn: Number(at[2]) + 1 }
      : pointerRange(text, problem.pointer, spans)
    // a problem about a whole node or list underlines its first line, not the whole block
    if (range.endLineNumber > range.startLineNumber) Object.assign(range, { endLineNumber: range.startLineNumber, endColumn: (lines[range.startLineNumber - 1]?.length ?? 0) + 1 })
    return { ...range, severity: problem.severity, message: problem.message, code: problem.code, source: `switchboard ${problem.source}` }
  })
}
