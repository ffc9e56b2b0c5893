/** The custom rjsf fields of the inspector, keyed as form-schema.ts names them in `ui:field`. */
import type { RegistryFieldsType } from '@rjsf/utils'
import { LocalizedTextField } from './localized-text.tsx'
import { OptionListField } from './option-list.tsx'
import { ConditionField } from './condition-builder.tsx'
import { WordsField } from './words.tsx'
import { NodePickerField, VariableField } from './pickers.tsx'
import { JsonField } from './json-field.tsx'
import { LanguagePickerField, TagsField, VariablesField } from './flow-fields.tsx'

export const inspectorFields: RegistryFieldsType = {
  'localized-text': LocalizedTextField,
  'option-list': OptionListField,
  logic: ConditionField,
  words: WordsField,
  variable: VariableField,
  'node-picker': NodePickerField,
  tags: TagsField,
  'language-picker': LanguagePickerField,
  variables: VariablesField,
  json: JsonField,
}
