/** The lint rules, one line each. A rule is one file in rules/ named by its code, with a cases file beside it. */
import type { LintRule } from './rule.ts'
import { exitToUnknownNode } from './rules/exit-to-unknown-node.ts'
import { exitNotAnExit } from './rules/exit-not-an-exit.ts'
import { missingStart } from './rules/missing-start.ts'
import { duplicateNodeId } from './rules/duplicate-node-id.ts'
import { unreachableNode } from './rules/unreachable-node.ts'
import { deadEnd } from './rules/dead-end.ts'
import { duplicateOption } from './rules/duplicate-option.ts'
import { triggerToUnknownNode } from './rules/trigger-to-unknown-node.ts'
import { whatsappLimits } from './rules/whatsapp-limits.ts'
import { voiceLimits } from './rules/voice-limits.ts'
import { missingTranslation } from './rules/missing-translation.ts'
import { channelCannotPlay } from './rules/channel-cannot-play.ts'
import { proactiveWithoutTemplate } from './rules/proactive-without-template.ts'
import { variableUsedBeforeSet } from './rules/variable-used-before-set.ts'
import { conditionUnknownVariable } from './rules/condition-unknown-variable.ts'
import { loopWithoutInput } from './rules/loop-without-input.ts'
import { httpWithoutErrorExit } from './rules/http-without-error-exit.ts'
import { invalidTimezone } from './rules/invalid-timezone.ts'
import { invalidHours } from './rules/invalid-hours.ts'
import { slaOrder } from './rules/sla-order.ts'
import { triggerNeverFires } from './rules/trigger-never-fires.ts'
import { triggerNotConnected } from './rules/trigger-not-connected.ts'

export const lintRules: LintRule[] = [
  exitToUnknownNode,
  exitNotAnExit,
  missingStart,
  duplicateNodeId,
  unreachableNode,
  deadEnd,
  duplicateOption,
  triggerToUnknownNode,
  triggerNotConnected,
  whatsappLimits,
  voiceLimits,
  missingTranslation,
  channelCannotPlay,
  proactiveWithoutTemplate,
  variableUsedBeforeSet,
  conditionUnknownVariable,
  loopWithoutInput,
  httpWithoutErrorExit,
  invalidTimezone,
  invalidHours,
  slaOrder,
  triggerNeverFires,
]
