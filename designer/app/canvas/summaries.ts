/**
 * What a node card says about its content: one short line per node type, and a label for each
 * exit. View code only (the registry stays free of React and layout); a type missing here shows
 * its first text, so a new node type needs no line here to look reasonable.
 */
import type { FlowNode, Text } from '../../../schemas/nodes/step.ts'

type Loose = Record<string, any>

/** The first line of a text in the flow's default language (or its first language). */
export function localize(text: Text | undefined, language: string): string {
  if (text === undefined || text === null) return ''
  const value = typeof text === 'string' ? text : ((text as Record<string, string>)[language] ?? Object.values(text)[0] ?? '')
  return String(value).split('\n')[0].trim()
}

/** PT2M → 2 min, PT1H30M → 1 h 30 min; anything else as written. */
export function duration(iso: string | undefined): string {
  const match = iso && /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso)
  if (!match) return iso ?? ''
  const parts = [[match[1], 'd'], [match[2], 'h'], [match[3], 'min'], [match[4], 's']].filter(([n]) => n).map(([n, unit]) => `${n} ${unit}`)
  return parts.join(' ') || iso!
}

const clip = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)
const join = (...parts: (string | undefined | false)[]) => parts.filter(Boolean).join(' · ')

/** One line of content per node type. */
const summaries: Record<string, (node: Loose, language: string) => string> = {
  message: (n, l) => localize(n.text, l),
  menu: (n, l) => localize(n.text, l),
  input: (n, l) => join(n.kind ?? 'text', n.saveAs && `→ ${n.saveAs}`, localize(n.text, l)),
  condition: (n) => `${n.branches?.length ?? 0} branch${n.branches?.length === 1 ? '' : 'es'}, else`,
  set: (n) => (n.assignments ?? []).map((a: Loose) => a.variable).join(', '),
  http: (n) => `${n.method ?? 'GET'} ${n.url ?? ''}`,
  hours: (n) => n.timezone ?? '',
  wait: (n) => `wait ${duration(n.duration)}`,
  handoff: (n) => join(`queue ${n.queue ?? '?'}`, n.sla?.alertAfter && `SLA ${duration(n.sla.alertAfter)}`),
  survey: (n, l) => join(n.kind, localize(n.question, l)),
  subflow: (n) => `runs ${n.flow ?? '?'}`,
  record: (n, l) => join(n.maxLength && `max ${duration(n.maxLength)}`, localize(n.text, l)),
  end: (n, l) => localize(n.text, l) || 'end of conversation',
  template: (n) => join(n.template, n.language),
}

/** The card's content line for a node. */
export function summary(node: FlowNode, language: string): string {
  const loose = node as Loose
  const line = summaries[node.type]?.(loose, language) ?? localize(loose.text, language)
  return clip(line ?? '')
}

/** The lists whose entries become exits (menu options, condition branches, template buttons), and what a screen reader calls them. */
const EXIT_LISTS: [key: string, noun: string][] = [['options', 'option'], ['branches', 'branch'], ['buttons', 'button'], ['categories', 'category']]

/** A readable label for each exit: the option's, branch's or button's label when the exit is one, else the exit name. */
export function exitLabels(node: FlowNode, language: string): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const [key] of EXIT_LISTS) {
    const list = (node as Loose)[key]
    if (!Array.isArray(list)) continue
    for (const entry of list) if (entry && typeof entry === 'object' && entry.id) labels[entry.id] = localize(entry.label, language) || entry.id
  }
  return labels
}

/** "4 options", "2 branches", or "3 exits" for the node's aria-label. */
export function exitCount(node: FlowNode, exits: number): string {
  for (const [key, noun] of EXIT_LISTS) {
    const list = (node as Loose)[key]
    if (Array.isArray(list) && list.length) return `${list.length} ${list.length === 1 ? noun : noun === 'branch' ? 'branches' : noun === 'category' ? 'categories' : `${noun}s`}`
  }
  return exits === 1 ? '1 exit' : `${exits} exits`
}
