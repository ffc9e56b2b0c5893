/**
 * The node palette (every registered type with its icon and one-line help, dragged onto the canvas
 * or added with Enter) and the keyboard picker overlay shared by "add a node" (Insert / A) and
 * "find a node" (Ctrl+F), built on cmdk's accessible combobox.
 */
import { memo, useEffect, useRef } from 'react'
import { Command } from 'cmdk'
import { nodeKinds } from './node-kinds.ts'

export const DRAG_TYPE = 'application/x-switchboard-node'

const Icon = ({ svg }: { svg: string }) => <span className="sb-card-icon" aria-hidden="true" dangerouslySetInnerHTML={{ __html: svg }} />

/** The side palette. Drag an entry onto the canvas, or focus it and press Enter to add it beside the selection. */
export const Palette = memo(function Palette({ onAdd }: { onAdd(type: string): void }) {
  return (
    <nav className="sb-palette" aria-label="Node palette">
      <ul>
        {nodeKinds.map((kind) => (
          <li key={kind.type}>
            <button
              type="button"
              className="sb-palette-item"
              draggable
              data-type={kind.type}
              title={kind.help}
              onDragStart={(event) => {
                event.dataTransfer.setData(DRAG_TYPE, kind.type)
                event.dataTransfer.effectAllowed = 'copy'
              }}
              onClick={() => onAdd(kind.type)}
            >
              <Icon svg={kind.icon} />
              <span className="sb-palette-text">
                <span className="sb-visually-hidden">Add </span>
                <span className="sb-palette-title">{kind.title}</span>
                <span className="sb-palette-help">{kind.help}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
})

export interface PickerItem {
  value: string
  label: string
  detail?: string
  icon?: string
}

/** A modal list with a filter box: arrows choose, Enter picks, Escape closes; focus returns to the canvas. */
export function Picker({ label, placeholder, items, onPick, onClose }: { label: string; placeholder: string; items: PickerItem[]; onPick(value: string): void; onClose(): void }) {
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => input.current?.focus(), [])
  return (
    <div className="sb-picker" role="dialog" aria-modal="true" aria-label={label} onKeyDown={(event) => {
      event.stopPropagation()
      if (event.key === 'Escape') {
        event.preventDefault()
        onClose()
      }
    }}>
      <Command label={label} loop>
        <Command.Input ref={input} placeholder={placeholder} aria-label={placeholder} onBlur={(event) => {
          if (!event.currentTarget.closest('.sb-picker')?.contains(event.relatedTarget as Node | null)) onClose()
        }} />
        <Command.List>
          <Command.Empty>Nothing matches.</Command.Empty>
          {items.map((item) => (
            <Command.Item key={item.value} value={item.value} keywords={[item.label, item.detail ?? '']} onSelect={() => onPick(item.value)}>
              {item.icon && <Icon svg={item.icon} />}
              <span className="sb-picker-label">{item.label}</span>
              {item.detail && <span className="sb-picker-detail">{item.detail}</span>}
            </Command.Item>
          ))}
        </Command.List>
      </Command>
    </div>
  )
}

/** The add-a-node picker: every node type. */
export const kindItems: PickerItem[] = nodeKinds.map((k) => ({ value: k.type, label: k.title, detail: k.help, icon: k.icon }))
