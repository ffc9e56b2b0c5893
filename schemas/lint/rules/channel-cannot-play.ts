import type { Finding, LintRule } from '../rule.ts'
import { channelName, enter } from '../simulate.ts'

/** Entering each node on each channel the flow targets: a step that answers 'unsupported' needs somewhere to go. */
export const channelCannotPlay: LintRule = {
  code: 'channel-cannot-play',
  severity: 'error',
  description: 'A step a channel cannot perform (recording a voicemail on WhatsApp) ends the conversation there unless its unsupported exit leads on.',
  check: (index) => {
    const { flow, label, pointer } = index
    const findings: Finding[] = []
    for (const node of flow.nodes) {
      // a connected 'unsupported' exit settles it, whatever the step does: no need to simulate it per channel
      if (node.exits?.unsupported) continue
      for (const channel of flow.channels)
        if (enter(index, node, channel).exit === 'unsupported')
          findings.push({
            pointer: pointer(node),
            node: node.id,
            message: `${label(node)} cannot work on ${channelName(channel)}; connect its 'unsupported' exit to another way of doing this`,
          })
    }
    return findings
  },
}
