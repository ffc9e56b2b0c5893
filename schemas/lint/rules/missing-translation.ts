import type { Finding, LintRule } from '../rule.ts'
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
  check: ({ flow, label, pointer }) => {
    const findings: Finding[] = []
    // with one language, a plain string is never a finding: only localized texts need looking at
    const localizedOnly = flow.languages.length <= 1
    for (const node of flow.nodes)
      for (const text of nodeTexts(node, localizedOnly)) {
        if (typeof text.value === 'string') {
          if (flow.languages.length > 1 && hasWords(text.value))
            findings.push({
              pointer: pointer(node, ...text.path),
              node: node.id,
              severity: 'info',
              message: `${label(node)}: ${textName(node, text, flow)} is not translated; every language shows the same text`,
            })
          continue
        }
        const missing = flow.languages.filter((language) => typeof (text.value as Record<string, unknown>)[language] !== 'string')
        if (!missing.length) continue
        const shown = text.value[flow.defaultLanguage] !== undefined ? flow.defaultLanguage : Object.keys(text.value)[0]
        findings.push({
          pointer: pointer(node, ...text.path),
          node: node.id,
          message: `${label(node)}: ${textName(node, text, flow)} has no ${listWords(missing.map(languageName))} translation; those customers see the ${languageName(shown)} one`,
        })
      }
    return findings
  },
}
