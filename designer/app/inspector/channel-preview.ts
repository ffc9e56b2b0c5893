/**
 * The channel preview line: runs the node's entry step (as lint does, schemas/lint/simulate.ts) and
 * describes what each of the flow's channels shows, from the channels' own outbound translators
 * (previewActions), e.g. "WhatsApp shows this as a list of 5 rows".
 */
import type { ChannelName, Flow, FlowNode } from '../../../schemas/nodes/step.ts'
import { indexFlow } from '../../../schemas/validate.ts'
import { enter, channelName } from '../../../schemas/lint/simulate.ts'
import { previewActions, type PreviewTurn } from '../../../runtime/channels/preview.ts'

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

function describeTurn(channel: ChannelName, turn: PreviewTurn, options: number): string {
  const who = capital(channelName(channel))
  if (turn.list) return `${who} shows this as a list of ${plural(turn.list.rows.length, 'row')} behind the button “${turn.list.button}”`
  if (turn.buttons?.length) return `${who} shows this with ${plural(turn.buttons.length, 'reply button')}`
  if (turn.numbered) return `${who} shows this as numbered text (${plural(options, 'option')})`
  if (turn.template) return `${who} sends the template “${turn.template}”`
  if (channel === 'voice') {
    const said = turn.text ? `says “${turn.text.length > 90 ? `${turn.text.slice(0, 89)}…` : turn.text}”` : ''
    return `${capital(channelName(channel))} ${[said, turn.note].filter(Boolean).join(', then ')}`.trim()
  }
  if (turn.note) return `${who} ${turn.note}`
  if (turn.media) return `${who} sends ${turn.media.kind === 'image' ? 'an' : 'a'} ${turn.media.kind}`
  return `${who} sends a text message (${plural(turn.text.length, 'character')})`
}

/** One line per channel of the flow (and per shown message), or a note that the customer sees nothing here. */
export function previewLines(flow: Flow, node: FlowNode, language = flow.defaultLanguage): string[] {
  try {
    const nodes = flow.nodes.map((n) => (n.id === node.id ? node : n))
    const index = indexFlow({ ...flow, nodes: nodes.some((n) => n === node) ? nodes : [...nodes, node] })
    const lines: string[] = []
    for (const channel of (flow.channels?.length ? flow.channels : ['whatsapp']) as ChannelName[]) {
      const actions = enter(index, node, channel, language).actions ?? []
      const options = actions.reduce((n, a) => n + (a.type === 'ask' ? a.options?.length ?? 0 : 0), 0)
      for (const turn of previewActions(channel, actions, { language })) lines.push(describeTurn(channel, turn, options))
    }
    return lines.length ? lines : ['The customer sees nothing at this step.']
  } catch {
    return ['No preview until the required fields are filled in.']
  }
}
