import type { LintRule } from '../rule.ts'
import { channelName, enter } from '../simulate.ts'

/** Entering each node on each channel the flow targets: a step that answers 'unsupported' needs somewhere to go. */
export const channelCannotPlay: LintRule = {
  code: 'channel-cannot-play',
  severity: 'error',
  description: 'A step a channel cannot perform (recording a voicemail on WhatsApp) ends the conversation there unless its unsupported exit leads on.',
  check: (index) => {
    const { flow, label, pointer } = index
    return flow.nodes.flatMap((node) =>
      flow.channels
        .filter((channel) => enter(index, node, channel).exit === 'unsupported' && !node.exits?.unsupported)
        .map((channel) => ({
          pointer: pointer(node),
          node: node.id,
          message: `${label(node)} cannot work on ${channelName(channel)}; connect its 'unsupported' exit to another way of doing this`,
        })),
    )
  },
}
