/**
 * The condition builder's model: rows of "variable operator value" joined by AND or OR, and the JSON
 * Logic they stand for. A rule that does not fit this shape (nested groups, arithmetic) has no rows
 * and is edited as raw JSON instead; the round trip logic → rows → logic is exact for every rule that fits.
 */

export type Operator = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'contains' | 'in' | 'is set' | 'is empty'

export interface LogicRow {
  variable: string
  operator: Operator
  /** Absent for 'is set' / 'is empty'; a list for 'in'. */
  value?: unknown
}

export interface LogicRows {
  combinator: 'and' | 'or'
  rows: LogicRow[]
}

export const operators: { op: Operator; label: string }[] = [
  { op: '==', label: 'is' },
  { op: '!=', label: 'is not' },
  { op: '>', label: 'is more than' },
  { op: '>=', label: 'is at least' },
  { op: '<', label: 'is less than' },
  { op: '<=', label: 'is at most' },
  { op: 'contains', label: 'contains' },
  { op: 'in', label: 'is one of' },
  { op: 'is set', label: 'is set' },
  { op: 'is empty', label: 'is empty' },
]

const binary = new Set(['==', '!=', '>', '>=', '<', '<='])
type Rule = Record<string, unknown>

const varName = (value: unknown): string | undefined => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined
  const entries = Object.entries(value)
  if (entries.length !== 1 || entries[0][0] !== 'var') return undefined
  const target = entries[0][1]
  return typeof target === 'string' ? target : undefined
}

const isLiteral = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value)

function ruleToRow(rule: unknown): LogicRow | undefined {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return undefined
  const entries = Object.entries(rule as Rule)
  if (entries.length !== 1) return undefined
  const [op, args] = entries[0]
  if (op === '!!' || op === '!') {
    const variable = varName(Array.isArray(args) && args.length === 1 ? args[0] : args)
    return variable !== undefined && !Array.isArray(args) ? { variable, operator: op === '!!' ? 'is set' : 'is empty' } : undefined
  }
  if (!Array.isArray(args) || args.length !== 2) return undefined
  if (binary.has(op)) {
    const variable = varName(args[0])
    return variable !== undefined && isLiteral(args[1]) ? { variable, operator: op as Operator, value: args[1] } : undefined
  }
  if (op === 'in') {
    const left = varName(args[0])
    if (left !== undefined && Array.isArray(args[1]) && args[1].every(isLiteral)) return { variable: left, operator: 'in', value: args[1] }
    const right = varName(args[1])
    if (right !== undefined && typeof args[0] === 'string') return { variable: right, operator: 'contains', value: args[0] }
  }
  return undefined
}

/** The rows a rule stands for, or undefined when it needs the raw JSON editor. */
export function logicToRows(logic: unknown): LogicRows | undefined {
  if (logic === undefined || logic === true) return { combinator: 'and', rows: [] }
  if (!logic || typeof logic !== 'object' || Array.isArray(logic)) return undefined
  const entries = Object.entries(logic as Rule)
  if (entries.length === 1 && (entries[0][0] === 'and' || entries[0][0] === 'or') && Array.isArray(entries[0][1]) && entries[0][1].length > 1) {
    const rows = entries[0][1].map(ruleToRow)
    return rows.every((r): r is LogicRow => !!r) ? { combinator: entries[0][0] as 'and' | 'or', rows } : undefined
  }
  const row = ruleToRow(logic)
  return row ? { combinator: 'and', rows: [row] } : undefined
}

/** One row as JSON Logic. */
export function rowToRule(row: LogicRow): Rule {
  const v = { var: row.variable }
  switch (row.operator) {
    case 'is set':
      return { '!!': v }
    case 'is empty':
      return { '!': v }
    case 'contains':
      return { in: [String(row.value ?? ''), v] }
    case 'in':
      return { in: [v, Array.isArray(row.value) ? row.value : [row.value ?? '']] }
    default:
      return { [row.operator]: [v, row.value ?? ''] }
  }
}

/** The JSON Logic of the rows: `true` with none (always), the rule with one, and/or with more. */
export function rowsToLogic({ combinator, rows }: LogicRows): Rule | boolean {
  if (!rows.length) return true
  if (rows.length === 1) return rowToRule(rows[0])
  return { [combinator]: rows.map(rowToRule) }
}

/** What a person typed as a value: numbers and true/false stay typed, everything else is text. */
export function parseValue(text: string): unknown {
  const trimmed = text.trim()
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true'
  if (trimmed !== '' && /^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed)
  return text
}

export const formatValue = (value: unknown): string => (Array.isArray(value) ? value.map(formatValue).join(', ') : value === undefined || value === null ? '' : String(value))
