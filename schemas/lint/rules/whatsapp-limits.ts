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
      let found: Finding[] | undefined
      for (const language of flow.languages) {
        const more = checkNode({ index, node, language })
        if (more.length) (found ??= []).push(...more)
      }
      if (found) findings.push(...unique(found))
    }
    return findings
  },
}

/** The node and language being checked. Passed along rather than captured in closures: this runs for
 *  every node in every language, and under tsx each closure made costs ~0.3 µs. */
interface At {
  index: FlowIndex
  node: FlowNode
  language: string
}

function checkNode(at: At): Finding[] {
  const findings: Finding[] = []
  const actions = enter(at.index, at.node, 'whatsapp', at.language).actions
  if (!actions?.some((a) => a.type === 'say' || a.type === 'ask')) return findings
  for (const action of actions) {
    if (action.type === 'say') findings.push(...tooLong(at, action.text, limits.textBody, 'the message'))
    if (action.type === 'ask') findings.push(...checkAsk(at, action))
  }
  return findings
}

/** A finding when the text is over `max` characters (the length check first: counting characters costs more). */
function tooLong(at: At, text: string, max: number, what: string, within?: Path): Finding[] {
  if (text.length <= max || characters(text) <= max) return []
  const { index, node, language } = at
  const { flow, label, pointer } = index
  const inLanguage = flow.languages.length > 1 ? ` in ${languageName(language)}` : ''
  const path = locateText(node, text, language, flow, within ?? [])
  return [{ pointer: path ? pointer(node, ...path) : pointer(node, ...(within ?? [])), node: node.id, message: `${label(node)}: ${what} is ${characters(text)} characters${inLanguage}; WhatsApp allows ${max}` }]
}

/** tooLong() for an option's text, naming the option only when the text is too long (finding it costs a search). */
function optionTooLong(at: At, id: string, fallback: string, text: string, max: number, what: (name: string) => string): Finding[] {
  if (text.length <= max) return []
  const item = findItem(at.node, id)
  const name = item ? itemName(item, at.index.flow, at.language) : `option '${fallback}'`
  return tooLong(at, text, max, what(name), item ? [item.field, item.index] : [])
}

function checkAsk(at: At, ask: AskAction): Finding[] {
  const { index, node } = at
  const { label, pointer } = index
  const options = ask.options ?? []
  if (options.length === 0) return tooLong(at, ask.text, limits.textBody, 'the question')
  if (options.length <= limits.buttons)
    return [
      ...tooLong(at, ask.text, limits.interactiveBody, 'the question (shown with buttons)'),
      ...options.flatMap((o) => optionTooLong(at, o.id, o.label, o.label, limits.buttonTitle, (name) => `${name} (a button)`)),
    ]
  if (options.length <= limits.listRows)
    return [
      {
        pointer: pointer(node),
        node: node.id,
        severity: 'info',
        message: `${label(node)} has ${options.length} options, so WhatsApp shows them as a list behind a button rather than as ${limits.buttons} reply buttons`,
      },
      ...tooLong(at, ask.text, limits.interactiveBody, 'the question (shown with a list)'),
      ...(ask.listButton ? tooLong(at, ask.listButton, limits.listButton, 'the list button') : []),
      ...options.flatMap((o) => [
        ...optionTooLong(at, o.id, o.label, o.label, limits.rowTitle, (name) => `${name} (a list row)`),
        ...(o.description ? optionTooLong(at, o.id, o.label, o.description, limits.rowDescription, (name) => `the description of ${name}`) : []),
      ]),
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
    ...tooLong(at, numbered, limits.textBody, 'the question with its numbered options'),
  ]
}
