import type { EndNode } from '../../types.gen.ts'
import type { NodeType, SayAction } from '../step.ts'
import schema from './schema.json' with { type: 'json' }

/** Ends the conversation on purpose ('completed'), unlike an unconnected exit, which reports a dead end. */
export const end: NodeType<EndNode> = {
  type: 'end',
  schema,
  exitNames: () => [],
  step: (node, { text }) => {
    const goodbye: SayAction[] = node.text
      ? [{ type: 'say', text: text(node.text), ...(node.voice && { voice: { ...(node.voice.ssml && { ssml: text(node.voice.ssml) }), ...(node.voice.audio && { audio: node.voice.audio }) } }) }]
      : []
    return { ...(goodbye.length && { actions: goodbye }), end: 'completed' }
  },
}
