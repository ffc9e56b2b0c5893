import type { AskOption, FlowNode } from '../../nodes/step.ts'
import { normalizeText } from '../../nodes/match.ts'
import type { Finding, FlowIndex, LintRule } from '../rule.ts'
import { findItem, itemName, locateText } from '../node-json.ts'
import { enter } from '../simulate.ts'
import { languageName, unique } from '../words.ts'
import { perValidation } from '../memo.ts'

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
    const findings: Finding[] = []
    for (const node of index.flow.nodes) {
      const found = duplicateIds(index, node)
      duplicateKeys(index, node, found)
      for (const language of index.flow.languages) duplicateLabels(index, node, language, found)
      if (found.length) findings.push(...unique(found))
    }
    return findings
  },
}

function duplicateIds({ label, pointer }: FlowIndex, node: FlowNode): Finding[] {
  const findings: Finding[] = []
  for (const field in node) {
    const value = (node as unknown as Record<string, unknown>)[field]
    if (!Array.isArray(value) || value.length < 2 || field === 'exits') continue
    const seen = new Set<string>()
    value.forEach((item, i) => {
      const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined
      if (typeof id !== 'string') return
      if (seen.has(id)) findings.push({ pointer: pointer(node, field, i, 'id'), node: node.id, message: `${label(node)}: two entries of '${field}' have the id '${id}', so they share one exit; give each its own id` })
      seen.add(id)
    })
  }
  return findings
}

/** The option lists the node offers on entry: ask options and template buttons. */
function offered(index: FlowIndex, node: FlowNode, language: string): AskOption[][] {
  const lists: AskOption[][] = []
  for (const action of enter(index, node, undefined, language).actions ?? []) {
    const options = action.type === 'ask' ? action.options : action.type === 'send-template' ? action.buttons : undefined
    if (options && options.length > 1) lists.push(options)
  }
  return lists
}

function optionName(index: FlowIndex, node: FlowNode, option: AskOption): string {
  const item = findItem(node, option.id)
  return item ? itemName(item, index.flow) : `option '${option.label}'`
}

// Both checks below find an option's first look-alike with indexOf over the list's keys: option lists
// are short, so that beats a map per list (and the allocation of one for every list of every node).

/** Adds to `findings`: options of one list with the same phone key. */
function duplicateKeys(index: FlowIndex, node: FlowNode, findings: Finding[]): void {
  for (const options of offered(index, node, index.flow.defaultLanguage)) {
    const keys = options.map((option) => option.key)
    for (let i = 1; i < options.length; i++) {
      const option = options[i]
      const at = option.key === undefined ? i : keys.indexOf(option.key)
      const first = at < i ? options[at] : undefined
      if (!first) continue
      const item = findItem(node, option.id)
      findings.push({
        pointer: item ? index.pointer(node, item.field, item.index, ...(item.item.key !== undefined ? ['key'] : [])) : index.pointer(node),
        node: node.id,
        message: `${index.label(node)}: ${optionName(index, node, first)} and ${optionName(index, node, option)} both use phone key ${option.key}; callers can only reach the first`,
      })
    }
  }
}

/** normalizeText() per validation, memoised by label: flows repeat their labels ("Yes", "Main menu") a lot. */
const normalizedLabels = perValidation(() => new Map<string, string>())
function normalizedLabel(index: FlowIndex, text: string): string {
  const labels = normalizedLabels(index)
  let normalized = labels.get(text)
  if (normalized === undefined) labels.set(text, (normalized = normalizeText(text)))
  return normalized
}

/** Adds to `findings`: options of one list whose labels read the same in this language. */
function duplicateLabels(index: FlowIndex, node: FlowNode, language: string, findings: Finding[]): void {
  const { flow, label, pointer } = index
  for (const options of offered(index, node, language)) {
    const keys = options.map((option) => normalizedLabel(index, option.label))
    for (let i = 1; i < options.length; i++) {
      const option = options[i]
      const key = keys[i]
      const at = key ? keys.indexOf(key) : i
      const first = at < i ? options[at] : undefined
      if (!first) continue
      const item = findItem(node, option.id)
      const path = item ? locateText(node, option.label, language, flow, [item.field, item.index]) : undefined
      const same = first.label === option.label ? `two options are labelled '${option.label}'` : `the options '${first.label}' and '${option.label}' read the same`
      findings.push({
        pointer: path ? pointer(node, ...path) : item ? pointer(node, item.field, item.index) : pointer(node),
        node: node.id,
        message: `${label(node)}: ${same}${flow.languages.length > 1 ? ` in ${languageName(language)}` : ''}; customers cannot tell them apart`,
      })
    }
  }
}
