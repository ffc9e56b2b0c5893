import type { LintRule } from '../rule.ts'
import { nodeTexts, textName } from '../node-json.ts'
import { languageName, listWords } from '../words.ts'

/** A text with letters in it; "👍" or "{{order.id}}" reads the same in every language. */
const hasWords = (text: string) => /\p{L}/u.test(text.replace(/\{\{[^}]*\}\}/g, ''))

/**
 * Texts (the fields a node's schema declares as localized text) that leave out a language the flow
 * declares: a warning, since customers get the default language's text instead. A plain string in a
 * flow with several languages is info only: it may be meant for everyone (a brand name, "OK").
 */
export const missingTranslation: LintRule = {
  code: 'missing-translation',
  severity: 'warning',
  description: 'A text missing a language the flow declares is shown to those customers in another language.',
  check: ({ flow, label, pointer }) =>
    flow.nodes.flatMap((node) =>
      // with one language, a plain string is never a finding: only localized texts need looking at
      nodeTexts(node, flow.languages.length <= 1).flatMap((text) => {
        if (typeof text.value === 'string')
          return flow.languages.length > 1 && hasWords(text.value)
            ? [
                {
                  pointer: pointer(node, ...text.path),
                  node: node.id,
                  severity: 'info' as const,
                  message: `${label(node)}: ${textName(node, text, flow)} is not translated; every language shows the same text`,
                },
              ]
            : []
        const missing = flow.languages.filter((language) => typeof (text.value as Record<string, unknown>)[language] !== 'string')
        if (!missing.length) return []
        const shown = text.value[flow.defaultLanguage] !== undefined ? flow.defaultLanguage : Object.keys(text.value)[0]
        return [
          {
            pointer: pointer(node, ...text.path),
            node: node.id,
            message: `${label(node)}: ${textName(node, text, flow)} has no ${listWords(missing.map(languageName))} translation; those customers see the ${languageName(shown)} one`,
          },
        ]
      }),
    ),
}
