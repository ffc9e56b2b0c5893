/**
 * The canvas's view of escalation rules (the flow's triggers, trigger.schema.json): the palette's six
 * kinds with a new rule's starting values, and what a rule's card says. View code only, like
 * summaries.ts for nodes; the schema stays the one definition of the fields.
 */
import type { Flow, FlowNode } from '../../../schemas/nodes/step.ts'
import type { Trigger } from '../../../schemas/types.gen.ts'
import { formatValue, logicToRows, operators } from '../inspector/fields/logic-rows.ts'
import { duration } from './summaries.ts'
import { rulesOf } from '../flow-doc/triggers.ts'

type When = Trigger['when']

export interface TriggerKind {
  when: When
  /** The palette's name for a new rule of this kind. */
  title: string
  help: string
  /** The id of a new rule (then -2, -3… when taken). */
  base: string
  /** The fields this kind reads, beside name, when, do, goto, once and notes (the inspector shows only these). */
  fields: string[]
  /** A new rule's own fields: schema-valid as soon as it is connected to a node. */
  preset: Partial<Trigger>
}

const weekdays = { from: '09:00', to: '18:00' }

export const triggerKinds: TriggerKind[] = [
  { when: 'keyword', title: 'Asks for a person', help: 'The customer writes “agent” or “human”, in any of the flow’s languages.', base: 'asks-for-person', fields: ['keywords'], preset: { keywords: { en: ['agent', 'human'] } } },
  { when: 'no-match', title: 'Not understood', help: 'The bot did not understand the customer 3 times in a row.', base: 'not-understood', fields: ['count'], preset: { count: 3 } },
  { when: 'negative', title: 'Angry customer', help: 'Angry words, or a message in ALL CAPS.', base: 'angry', fields: ['keywords', 'allCaps'], preset: { keywords: { en: ['terrible', 'useless', 'ridiculous', 'unacceptable'] }, allCaps: true } },
  { when: 'condition', title: 'VIP customer', help: 'A rule over the conversation’s variables holds, such as a VIP customer.', base: 'vip', fields: ['condition'], preset: { condition: { '==': [{ var: 'customer.tier' }, 'vip'] } } },
  { when: 'queue-wait', title: 'Waited in queue', help: 'Nobody has answered the customer within 3 minutes in the queue.', base: 'long-wait', fields: ['after', 'queues'], preset: { after: 'PT3M' } },
  { when: 'outside-hours', title: 'Outside business hours', help: 'The customer writes while you are closed.', base: 'outside-hours', fields: ['timezone', 'weekly', 'holidays'], preset: { timezone: 'Europe/Rome', weekly: { mon: [weekdays], tue: [weekdays], wed: [weekdays], thu: [weekdays], fri: [weekdays] } } },
]

export const triggerKindOf = (when: string): TriggerKind | undefined => triggerKinds.find((k) => k.when === when)

/** Every field some kind reads: a field no kind claims (added to the schema later) is shown for every kind. */
export const kindFields = new Set(triggerKinds.flatMap((k) => k.fields))

/** A new rule of a kind: its preset, no goto until it is connected. */
export function newTrigger(when: When, id: string, position: { x: number; y: number }): Trigger {
  return { id, when, ...structuredClone(triggerKindOf(when)?.preset ?? {}), position } as Trigger
}

/** Whether the inspector shows a field for a rule of this kind. */
export const showsField = (when: string) => (field: string) => !kindFields.has(field) || !!triggerKindOf(when)?.fields.includes(field)

/**
 * A rule's fields after an edit: when its kind changed, the old kind's own fields go and the new
 * kind's starting values come in (so it stays valid); an opt-out rule has no goto.
 */
export function switchKind(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const next = { ...after }
  if (after.when !== before.when) {
    const now = triggerKindOf(String(after.when))
    for (const field of triggerKindOf(String(before.when))?.fields ?? []) if (!now?.fields.includes(field)) delete next[field]
    for (const [field, value] of Object.entries(now?.preset ?? {})) if (next[field] === undefined) next[field] = structuredClone(value)
  }
  if (next.do === 'opt-out') delete next.goto
  return next
}

/** The palette's drag type and picker value of a rule kind, beside node types. */
export const TRIGGER_KIND_PREFIX = 'trigger:'
export const triggerKindValue = (when: When) => `${TRIGGER_KIND_PREFIX}${when}`
export const whenOfValue = (value: string): When | undefined => (value.startsWith(TRIGGER_KIND_PREFIX) ? triggerKindOf(value.slice(TRIGGER_KIND_PREFIX.length))?.when : undefined)

const clip = (text: string, max = 56) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** "customer.tier is vip" for a rule the condition builder can show as rows, else undefined. */
export function describeLogic(logic: unknown): string | undefined {
  const rows = logicToRows(logic)
  if (!rows?.rows.length) return undefined
  const label = (op: string) => operators.find((o) => o.op === op)?.label ?? op
  return rows.rows.map((r) => [r.variable, label(r.operator), formatValue(r.value)].filter(Boolean).join(' ')).join(` ${rows.combinator} `)
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
const DAY_NAMES: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' }

/** "Mon–Fri 09:00–18:00, Sat 10:00–13:00": runs of days with the same hours. */
export function describeWeek(weekly: Trigger['weekly']): string {
  const hours = (day: string) => ((weekly as Record<string, { from: string; to: string }[] | undefined>)?.[day] ?? []).map((p) => `${p.from}–${p.to}`).join(', ')
  const runs: { first: string; last: string; hours: string }[] = []
  for (const day of DAYS) {
    const text = hours(day)
    const run = runs.at(-1)
    if (text && run && run.hours === text && DAYS.indexOf(run.last as never) === DAYS.indexOf(day) - 1) run.last = day
    else if (text) runs.push({ first: day, last: day, hours: text })
  }
  return runs.map((r) => `${DAY_NAMES[r.first]}${r.first === r.last ? '' : `–${DAY_NAMES[r.last]}`} ${r.hours}`).join(', ')
}

function words(keywords: Trigger['keywords'], language: string): string {
  const entries = Object.entries(keywords ?? {})
  const own = keywords?.[language] ?? entries[0]?.[1] ?? []
  const others = entries.filter(([lang, list]) => list !== own && list?.length).map(([lang]) => lang)
  return [clip(own.join(', '), 44), others.length ? `+ ${others.join(', ')}` : ''].filter(Boolean).join(' · ')
}

/** A keyword rule that hands over to a person, or whose words ask for one (agent, human…, as the palette's rule starts). */
const asksForPerson = (trigger: Trigger, target: FlowNode | undefined) =>
  target?.type === 'handoff' || Object.values(trigger.keywords ?? {}).flat().some((w) => /\b(agent|human|person|operator)\b/i.test(w ?? ''))

/** What the card says: a title in plain words and one line of detail. */
export function triggerText(trigger: Trigger, target: FlowNode | undefined, language: string): { title: string; summary: string } {
  const optOut = trigger.do === 'opt-out'
  switch (trigger.when) {
    case 'keyword':
      return {
        title: optOut ? 'When the customer says stop' : asksForPerson(trigger, target) ? 'When the customer asks for a person' : 'When the customer says a keyword',
        summary: words(trigger.keywords, language),
      }
    case 'no-match': {
      const count = trigger.count ?? 1
      return { title: `Not understood ${count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`} in a row`, summary: 'anywhere in the flow' }
    }
    case 'negative':
      return { title: trigger.allCaps ? 'Angry words or ALL CAPS' : 'Angry words', summary: words(trigger.keywords, language) }
    case 'condition': {
      const text = describeLogic(trigger.condition)
      return text && text.length <= 34 ? { title: `When ${text}`, summary: 'checked all along' } : { title: 'When a condition holds', summary: clip(text ?? JSON.stringify(trigger.condition ?? null)) }
    }
    case 'queue-wait':
      return { title: `Waited in queue > ${duration(trigger.after) || '?'}`, summary: trigger.queues?.length ? `in ${clip(trigger.queues.join(', '))}` : 'in any queue' }
    case 'outside-hours':
      return { title: 'Outside business hours', summary: clip([trigger.timezone, describeWeek(trigger.weekly)].filter(Boolean).join(' · '), 60) }
    default:
      return { title: `When ${String(trigger.when ?? '?')}`, summary: '' }
  }
}

/** How a rule is named to people: Rule 'VIP customer'. */
export const triggerLabel = (trigger: Pick<Trigger, 'id' | 'name'>) => `Rule '${trigger.name ?? trigger.id}'`

/** Positions for rules saved without one: a column left of the start node, in rule order, below those placed there. */
export function triggerFallbackPositions(flow: Flow, nodePosition: (id: string) => { x: number; y: number } | undefined): Map<string, { x: number; y: number }> {
  const placed = new Map<string, { x: number; y: number }>()
  const triggers = rulesOf(flow)
  if (triggers.every((t) => t.position)) return placed
  const xs = flow.nodes.map((n) => nodePosition(n.id)?.x).filter((x): x is number => x !== undefined)
  const start = nodePosition(flow.start)
  const x = Math.min(0, ...xs) - TRIGGER_COLUMN_GAP - TRIGGER_WIDTH
  let y = Math.min(start?.y ?? 0, ...flow.nodes.map((n) => nodePosition(n.id)?.y ?? Infinity))
  for (const trigger of triggers) {
    if (trigger.position) continue
    placed.set(trigger.id, { x, y })
    y += TRIGGER_ROW
  }
  return placed
}

export const TRIGGER_WIDTH = 240
export const TRIGGER_COLUMN_GAP = 160
/** A rule card's height and the space under it. */
export const TRIGGER_ROW = 160
