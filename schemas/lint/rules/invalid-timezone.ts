import { distance } from 'fastest-levenshtein'
import type { Finding, LintRule } from '../rule.ts'
import { fieldsNamed, triggerLabel } from '../node-json.ts'

const known = new Map<string, boolean>()
/** Whether this runtime's Intl knows the IANA time zone (what the hours step computes with). */
function isTimeZone(name: string): boolean {
  let ok = known.get(name)
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name })
      ok = true
    } catch {
      ok = false
    }
    known.set(name, ok)
  }
  return ok
}

function closestTimeZone(name: string): string | undefined {
  let best: string | undefined
  let bestDistance = 4
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    const d = distance(zone.toLowerCase(), name.toLowerCase())
    if (d < bestDistance) [best, bestDistance] = [zone, d]
  }
  return best
}

/** Any field named `timezone`, in any node or escalation rule, must be a time zone Intl knows (Europe/Rome, America/New_York). */
export const invalidTimezone: LintRule = {
  code: 'invalid-timezone',
  severity: 'error',
  description: 'Opening hours in an unknown time zone cannot be computed, so the customer gets the wrong answer about being open.',
  check: (index) => {
    const { flow, label, pointer } = index
    const findings: Finding[] = []
    const problem = (name: string, zone: string) => {
      const guess = closestTimeZone(zone)
      return `${name}: '${zone}' is not a time zone${guess ? `; did you mean '${guess}'?` : '; use a name such as Europe/Rome'}`
    }
    for (const node of flow.nodes)
      for (const field of fieldsNamed(index, node, 'timezone')) {
        if (typeof field.value !== 'string' || isTimeZone(field.value)) continue
        findings.push({ pointer: pointer(node, ...field.path), node: node.id, message: problem(label(node), field.value) })
      }
    ;(flow.triggers ?? []).forEach((trigger, i) => {
      if (typeof trigger.timezone === 'string' && !isTimeZone(trigger.timezone))
        findings.push({ pointer: `/triggers/${i}/timezone`, message: problem(triggerLabel(trigger), trigger.timezone) })
    })
    return findings
  },
}
