/** rjsf's array and property buttons as plain labelled text buttons (the core theme expects Bootstrap glyph icons). */
import type { IconButtonProps, TemplatesType } from '@rjsf/utils'

function textButton(label: string, symbol: string, className = 'sb-icon-button') {
  return function TextButton({ iconType: _iconType, icon: _icon, uiSchema: _uiSchema, registry: _registry, className: _className, title, ...rest }: IconButtonProps) {
    return <button type="button" className={className} aria-label={title ?? label} title={title ?? label} {...rest}>{symbol}</button>
  }
}

export const inspectorTemplates: Partial<TemplatesType> = {
  ButtonTemplates: {
    AddButton: textButton('Add', '+ Add', 'sb-button'),
    CopyButton: textButton('Copy', '⧉'),
    MoveUpButton: textButton('Move up', '↑'),
    MoveDownButton: textButton('Move down', '↓'),
    RemoveButton: textButton('Remove', '✕'),
    ClearButton: textButton('Clear', '✕'),
  } as TemplatesType['ButtonTemplates'],
}
