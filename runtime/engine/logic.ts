import jsonLogic from 'json-logic-js'

/** Evaluates a JSON Logic rule (https://jsonlogic.com) over data. A malformed rule counts as false, never throws. */
export function evaluateLogic(rule: unknown, data: Record<string, unknown>): unknown {
  if (typeof rule === 'boolean') return rule
  try {
    return jsonLogic.apply(rule as jsonLogic.RulesLogic, data)
  } catch {
    return false
  }
}
