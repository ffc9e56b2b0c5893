import type { AskAction, FlowNode } from '../../nodes/step.ts'
import { whatsappLimits as limits } from '../../channel-limits.ts'
import type { Finding, FlowIndex, LintRule } from '../rule.ts'
import { findItem, itemName, locateText, type Path } from '../node-json.ts'
import { enter } from '../simulate.ts'
import { characters, languageName, unique } from '../words.ts'

/**
 * What WhatsApp does with what each node says and asks on entry, per language (schemas/channel-limits.ts):
 * up to 3 options are reply buttons (titles ≤ 20), up to 10 a list (rows ≤ 24, descriptions ≤ 72,
 * list button ≤ 20), more become numbered text; bodies ≤ 1024 with buttons or a list, ≤ 4096 as text.
 * Too long is an error: WhatsApp refuses the message, and we never cut a text silently.
 */
export const whatsappLimits: LintRule = {
  code: 'whatsapp-limits',
  severity: 'error',
  description: 'WhatsApp refuses buttons, list rows and messages over its length limits, and has no room for more than 10 options.',
  check: (index) => {
    const { flow } = index
    if (!flow.channels.includes('whatsapp')) return []
    const findings: Finding[] = []
    for (const node of flow.nodes) {
      const found = flow.languages.flatMap((language) => checkNode(index, node, language))
      if (found.length) findings.push(...unique(found))
    }
    return findings
  },
}

function checkNode(index: FlowIndex, node: FlowNode, language: string): Finding[] {
  const { flow, label, pointer } = index
  const inLanguage = flow.languages.length > 1 ? ` in ${languageName(language)}` : ''
  const at = (text: string, within: Path = []) => {
    const path = locateText(node, text, language, flow, within)
    return path ? pointer(node, ...path) : pointer(node, ...within)
  }
  const tooLong = (text: string, max: number, what: string, within?: Path): Finding[] =>
    text.length > max && characters(text) > max
      ? [{ pointer: at(text, within), node: node.id, message: `${label(node)}: ${what} is ${characters(text)} characters${inLanguage}; WhatsApp allows ${max}` }]
      : []
  const findings: Finding[] = []
  const actions = enter(index, node, 'whatsapp', language).actions
  if (!actions?.some((a) => a.type === 'say' || a.type === 'ask')) return findings
  for (const action of actions) {
    if (action.type === 'say') findings.push(...tooLong(action.text, limits.textBody, 'the message'))
    if (action.type === 'ask') findings.push(...checkAsk(index, node, action, language, tooLong))
  }
  return findings
}

function checkAsk(index: FlowIndex, node: FlowNode, ask: AskAction, language: string, tooLong: (text: string, max: number, what: string, within?: Path) => Finding[]): Finding[] {
  const { flow, label, pointer } = index
  const options = ask.options ?? []
  const optionName = (id: string, fallback: string) => {
    const item = findItem(node, id)
    return { name: item ? itemName(item, flow, language) : `option '${fallback}'`, within: item ? [item.field, item.index] : [] }
  }
  if (options.length === 0) return tooLong(ask.text, limits.textBody, 'the question')
  if (options.length <= limits.buttons)
    return [
      ...tooLong(ask.text, limits.interactiveBody, 'the question (shown with buttons)'),
      ...options.flatMap((o) => {
        const { name, within } = optionName(o.id, o.label)
        return tooLong(o.label, limits.buttonTitle, `${name} (a button)`, within)
      }),
    ]
  if (options.length <= limits.listRows)
    return [
      {
        pointer: pointer(node),
        node: node.id,
        severity: 'info',
        message: `${label(node)} has ${options.length} options, so WhatsApp shows them as a list behind a button rather than as ${limits.buttons} reply buttons`,
      },
      ...tooLong(ask.text, limits.interactiveBody, 'the question (shown with a list)'),
      ...(ask.listButton ? tooLong(ask.listButton, limits.listButton, 'the list button') : []),
      ...options.flatMap((o) => {
        const { name, within } = optionName(o.id, o.label)
        return [
          ...tooLong(o.label, limits.rowTitle, `${name} (a list row)`, within),
          ...(o.description ? tooLong(o.description, limits.rowDescription, `the description of ${name}`, within) : []),
        ]
      }),
    ]
  const numbered = [ask.text, ...options.map((o, i) => `${i + 1}. ${o.label}`)].join('\n')
  // a score scale (NPS 0-10: every option id is the number typed) is meant to be typed; nothing to split
  const scale = options.every((o) => /^\d{1,2}$/.test(o.id))
  return [
    {
      pointer: pointer(node),
      node: node.id,
      severity: scale ? 'info' : 'warning',
      message: scale
        ? `${label(node)} has ${options.length} scores; WhatsApp lists at most ${limits.listRows}, so customers get the scale as text and type their score`
        : `${label(node)} has ${options.length} options; WhatsApp lists at most ${limits.listRows}, so customers get a numbered text and must type their choice. Consider splitting it`,
    },
    ...tooLong(numbered, limits.textBody, 'the question with its numbered options'),
  ]
}
