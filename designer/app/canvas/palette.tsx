/**
 * The node palette (every registered type with its icon and one-line help, dragged onto the canvas
 * or added with Enter) and the keyboard picker overlay shared by "add a node" (Insert / A) and
 * "find a node" (Ctrl+F), built on cmdk's accessible combobox.
 */
import { memo, useEffect, useId, useRef } from 'react'
import { Command } from 'cmdk'
import { nodeKinds } from './node-kinds.ts'
import { triggerKinds, triggerKindValue } from './trigger-kinds.ts'

/** The drag type of a palette entry; its value is a node type, or `trigger:<when>` for an escalation rule. */
export const DRAG_TYPE = 'application/x-switchboard-node'

const Icon = ({ svg }: { svg: string }) => <span className="sb-card-icon" aria-hidden="true" dangerouslySetInnerHTML={{ __html: svg }} />

/** The escalation rules' bolt (palette and pickers). */
export const BOLT_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="18" height="18"><path d="M13 2 4 14h7l-1 8 9-12h-7l1-8z" fill="currentColor"/></svg>'

interface Entry {
  value: string
  title: string
  help: string
  icon: string
}

function PaletteItem({ entry, onAdd, trigger }: { entry: Entry; onAdd(value: string): void; trigger?: boolean }) {
  return (
    <li>
      <button
        type="button"
        className={trigger ? 'sb-palette-item sb-palette-trigger' : 'sb-palette-item'}
        draggable
        data-type={entry.value}
        title={entry.help}
        onDragStart={(event) => {
          event.dataTransfer.setData(DRAG_TYPE, entry.value)
          event.dataTransfer.effectAllowed = 'copy'
        }}
        onClick={() => onAdd(entry.value)}
      >
        <Icon svg={entry.icon} />
        <span className="sb-palette-text">
          <span className="sb-visually-hidden">{trigger ? 'Add escalation rule ' : 'Add '}</span>
          <span className="sb-palette-title">{entry.title}</span>
          <span className="sb-palette-help">{entry.help}</span>
        </span>
      </button>
    </li>
  )
}

const nodeEntries: Entry[] = nodeKinds.map((k) => ({ value: k.type, title: k.title, help: k.help, icon: k.icon }))
const triggerEntries: Entry[] = triggerKinds.map((k) => ({ value: triggerKindValue(k.when), title: k.title, help: k.help, icon: BOLT_ICON }))

/**
 * The side palette: node types, then the escalation rules (checked on every message, wherever the
 * conversation stands). Drag an entry onto the canvas, or focus it and press Enter to add it.
 */
export const Palette = memo(function Palette({ onAdd }: { onAdd(value: string): void }) {
  const rules = useId()
  return (
    <nav className="sb-palette" aria-label="Node palette">
      <ul aria-label="Nodes">
        {nodeEntries.map((entry) => <PaletteItem key={entry.value} entry={entry} onAdd={onAdd} />)}
      </ul>
      <h2 className="sb-palette-heading" id={rules}>Escalation rules</h2>
      <ul aria-labelledby={rules}>
        {triggerEntries.map((entry) => <PaletteItem key={entry.value} entry={entry} onAdd={onAdd} trigger />)}
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

/** The add-a-node picker: every node type, then every kind of escalation rule. */
export const kindItems: PickerItem[] = [
  ...nodeEntries.map((e) => ({ value: e.value, label: e.title, detail: e.help, icon: e.icon })),
  ...triggerEntries.map((e) => ({ value: e.value, label: `Rule: ${e.title}`, detail: `Escalation rule · ${e.help}`, icon: e.icon })),
]
