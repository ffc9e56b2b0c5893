import type { AskOption } from '../../nodes/step.ts'
import { normalizeText } from '../../nodes/match.ts'
import type { Finding, LintRule } from '../rule.ts'
import { findItem, itemName, locateText } from '../node-json.ts'
import { enter } from '../simulate.ts'
import { languageName, unique } from '../words.ts'

/**
 * Options a customer cannot tell apart: two items of one array with the same id (they share one exit),
 * and, in what the node actually offers on entry (so default keys count), two options with the same
 * phone key or, per language, the same label.
 */
export const duplicateOption: LintRule = {
  code: 'duplicate-option',
  severity: 'error',
  description: 'Two options with the same key or label cannot both be chosen: the customer always lands on the first.',
  check: (index) => {
    const { flow, label, pointer } = index
    const multilingual = flow.languages.length > 1
    return flow.nodes.flatMap((node) => {
      const findings: Finding[] = []
      for (const [field, value] of Object.entries(node)) {
        if (!Array.isArray(value) || field === 'exits') continue
        const seen = new Set<string>()
        value.forEach((item, i) => {
          const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined
          if (typeof id !== 'string') return
          if (seen.has(id))
            findings.push({
              pointer: pointer(node, field, i, 'id'),
              node: node.id,
              message: `${label(node)}: two entries of '${field}' have the id '${id}', so they share one exit; give each its own id`,
            })
          seen.add(id)
        })
      }
      const optionsOf = (language: string) =>
        (enter(index, node, undefined, language).actions ?? []).flatMap((a) => (a.type === 'ask' ? [a.options ?? []] : a.type === 'send-template' ? [a.buttons ?? []] : []))
      const where = (option: AskOption, ...path: (string | number)[]) => {
        const item = findItem(node, option.id)
        return item ? { item, pointer: pointer(node, item.field, item.index, ...path) } : { item, pointer: pointer(node) }
      }
      for (const options of optionsOf(flow.defaultLanguage)) {
        const byKey = new Map<string, AskOption>()
        for (const option of options) {
          if (option.key === undefined) continue
          const first = byKey.get(option.key)
          if (!first) {
            byKey.set(option.key, option)
            continue
          }
          const { item, pointer: at } = where(option, ...(findItem(node, option.id)?.item.key !== undefined ? ['key'] : []))
          const name = (o: AskOption) => (findItem(node, o.id) ? itemName(findItem(node, o.id)!, flow) : `option '${o.label}'`)
          findings.push({
            pointer: at,
            node: node.id,
            message: `${label(node)}: ${name(first)} and ${item ? itemName(item, flow) : name(option)} both use phone key ${option.key}; callers can only reach the first`,
          })
        }
      }
      for (const language of flow.languages)
        for (const options of optionsOf(language)) {
          const byLabel = new Map<string, AskOption>()
          for (const option of options) {
            const key = normalizeText(option.label)
            if (!key) continue
            const first = byLabel.get(key)
            if (!first) {
              byLabel.set(key, option)
              continue
            }
            const item = findItem(node, option.id)
            const path = item ? locateText(node, option.label, language, flow, [item.field, item.index]) : undefined
            findings.push({
              pointer: path ? pointer(node, ...path) : where(option).pointer,
              node: node.id,
              message: `${label(node)}: ${first.label === option.label ? `two options are labelled '${option.label}'` : `the options '${first.label}' and '${option.label}' read the same`}${multilingual ? ` in ${languageName(language)}` : ''}; customers cannot tell them apart`,
            })
          }
        }
      return unique(findings)
    })
  },
}
