import type { StepContext } from './step.ts'
import { inertValue } from '../template.ts'

const wholePlaceholder = /^\{\{\s*([A-Za-z_][\w.]*)\s*\}\}$/

/**
 * Fills {{templates}} in every string inside a JSON value (set values, HTTP bodies).
 * A string that is exactly one placeholder keeps the variable's own type, so "{{order.total}}"
 * stays a number and "{{cart}}" stays a list. {{secrets.NAME}} is left for the host to fill.
 */
export function renderValue(value: unknown, context: Pick<StepContext, 'render' | 'evaluate'>): unknown {
  if (typeof value === 'string') {
    const whole = wholePlaceholder.exec(value)
    if (whole && !whole[1].startsWith('secrets.')) return inertValue(context.evaluate({ var: whole[1] }) ?? null)
    return context.render(value)
  }
  if (Array.isArray(value)) return value.map((v) => renderValue(v, context))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderValue(v, context)]))
  return value
}
