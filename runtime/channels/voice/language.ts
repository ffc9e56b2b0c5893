/**
 * Flow languages (BCP 47) → the language codes Twilio's <Say>/<Gather> accept, and the few words
 * the phone channel adds itself ("Press 1 for …").
 */

const DEFAULT_REGION: Record<string, string> = {
  en: 'en-US', it: 'it-IT', fr: 'fr-FR', de: 'de-DE', es: 'es-ES', pt: 'pt-BR', nl: 'nl-NL', ja: 'ja-JP',
  ko: 'ko-KR', ru: 'ru-RU', pl: 'pl-PL', sv: 'sv-SE', da: 'da-DK', nb: 'nb-NO', fi: 'fi-FI', tr: 'tr-TR',
  ar: 'ar-AE', hi: 'hi-IN', zh: 'cmn-CN', cmn: 'cmn-CN', yue: 'yue-HK',
}

const CHINESE_REGION: Record<string, string> = { cn: 'cmn-CN', sg: 'cmn-CN', hans: 'cmn-CN', tw: 'cmn-TW', hant: 'cmn-TW', hk: 'yue-HK' }

/**
 * 'en' → 'en-US', 'it' → 'it-IT', 'zh' / 'zh-Hans' / 'zh-CN' → 'cmn-CN', 'pt-br' → 'pt-BR'.
 * A language without a known default region falls back to en-US: Twilio rejects codes it does not know.
 */
export function twilioLanguage(bcp47: string | undefined): string {
  const [base = '', ...rest] = (bcp47 ?? '').trim().toLowerCase().split(/[-_]/)
  if (base === 'zh') return rest.map((s) => CHINESE_REGION[s]).find(Boolean) ?? 'cmn-CN'
  const region = rest.find((s) => /^[a-z]{2}$/.test(s))
  if (region && /^[a-z]{2,3}$/.test(base)) return `${base}-${region.toUpperCase()}`
  return DEFAULT_REGION[base] ?? 'en-US'
}

interface Phrases {
  press: (key: string, label: string) => string
  keyNames?: Record<string, string>
}

const PHRASES: Record<string, Phrases> = {
  en: { press: (k, l) => `Press ${k} for ${l}.`, keyNames: { '*': 'star', '#': 'pound' } },
  it: { press: (k, l) => `Premi ${k} per ${l}.`, keyNames: { '*': 'asterisco', '#': 'cancelletto' } },
  es: { press: (k, l) => `Pulse ${k} para ${l}.`, keyNames: { '*': 'asterisco', '#': 'almohadilla' } },
  fr: { press: (k, l) => `Tapez ${k} pour ${l}.`, keyNames: { '*': 'étoile', '#': 'dièse' } },
  de: { press: (k, l) => `Drücken Sie ${k} für ${l}.`, keyNames: { '*': 'Stern', '#': 'Raute' } },
  pt: { press: (k, l) => `Pressione ${k} para ${l}.`, keyNames: { '*': 'asterisco', '#': 'jogo da velha' } },
  zh: { press: (k, l) => `${l}请按${k}。`, keyNames: { '*': '星号', '#': '井号' } },
}

/** "Press 1 for Sales." in the flow's language (English when the language has no phrases here). */
export function pressLine(language: string | undefined, key: string, label: string): string {
  const base = (language ?? 'en').toLowerCase().split(/[-_]/)[0]
  const phrases = PHRASES[base] ?? PHRASES.en
  return phrases.press(phrases.keyNames?.[key] ?? key, label)
}
