import type { RecordNode } from '../../types.gen.ts'
import type { NodeType, RecordAction, StepContext, StepResult } from '../step.ts'
import schema from './schema.json' with { type: 'json' }

const defaults = { maxLength: schema.properties.maxLength.default }

function recordAction(node: RecordNode, { text, seconds }: StepContext): RecordAction {
  return {
    type: 'record',
    text: text(node.text),
    maxSeconds: seconds(node.maxLength ?? defaults.maxLength),
    ...(node.beep !== undefined && { beep: node.beep }),
    ...(node.voice && { voice: { ...(node.voice.ssml && { ssml: text(node.voice.ssml) }), ...(node.voice.audio && { audio: node.voice.audio }) } }),
  }
}

const finished = (node: RecordNode, url: string | undefined): StepResult =>
  url ? { ...(node.saveAs && { set: { [node.saveAs]: url } }), exit: 'done' } : { exit: 'empty' }

/**
 * Voicemail. Recording is a capability of the phone, not a way of rendering, so this is the one
 * step that looks at the session's channel: elsewhere it leaves through `unsupported` at once.
 */
export const record: NodeType<RecordNode> = {
  type: 'record',
  schema,
  exitNames: () => ['done', 'empty', 'unsupported'],
  setsVariables: (node) => (node.saveAs ? [node.saveAs] : []),
  waitsForCustomer: () => true,
  step: (node, context) => {
    const { event } = context
    if (event.type === 'node-entered')
      return context.session.channel === 'voice' ? { actions: [recordAction(node, context)], wait: { kind: 'recording' } } : { exit: 'unsupported' }
    if (event.type === 'recording-finished') return finished(node, event.url)
    if (event.type === 'timed-out') return { exit: 'empty' }
    if (event.type === 'message-received' && event.media?.url && (event.media.kind === 'audio' || event.media.kind === 'voice')) return finished(node, event.media.url)
    return { wait: { kind: 'recording' } }
  },
}
