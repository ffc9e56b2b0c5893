import type { MessageNode } from '../../types.gen.ts'
import type { NodeType } from '../step.ts'
import schema from './schema.json' with { type: 'json' }

export const message: NodeType<MessageNode> = {
  type: 'message',
  schema,
  exitNames: () => ['next'],
  step: (node, { text }) => ({
    actions: [
      {
        type: 'say',
        node: node.id,
        text: text(node.text),
        ...(node.media && { media: { kind: node.media.kind, url: node.media.url, ...(node.media.caption && { caption: text(node.media.caption) }) } }),
        ...(node.voice && { voice: { ...(node.voice.ssml && { ssml: text(node.voice.ssml) }), ...(node.voice.audio && { audio: node.voice.audio }) } }),
      },
    ],
    exit: 'next',
  }),
}
