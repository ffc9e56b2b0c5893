/** The label, help and errors around a custom field, like rjsf's own field template draws them. */
import type { ReactNode } from 'react'

export interface FieldFrameProps {
  id: string
  title?: string
  description?: string
  required?: boolean
  errors?: string[]
  children: ReactNode
  /** A group of controls (tabs, rows) instead of one input: labelled by, not for. */
  group?: boolean
}

export function FieldFrame({ id, title, description, required, errors, children, group }: FieldFrameProps) {
  const label = title && (group ? <span className="sb-field-label" id={`${id}__label`}>{title}{required && ' *'}</span> : <label className="sb-field-label" htmlFor={id}>{title}{required && ' *'}</label>)
  return (
    <div className="sb-field" role={group ? 'group' : undefined} aria-labelledby={group && title ? `${id}__label` : undefined}>
      {label}
      {description && <p className="sb-field-help" id={`${id}__help`}>{description}</p>}
      {children}
      {errors?.length ? <ul className="sb-field-errors">{errors.map((e) => <li key={e}>{e}</li>)}</ul> : null}
    </div>
  )
}
