/**
 * The command palette (Ctrl/Cmd+Shift+P) listing every action with its shortcut, and its sibling
 * "find node" (Ctrl/Cmd+F or P) listing the open flow's nodes. Both are cmdk lists in an overlay.
 */
import { Command } from 'cmdk'
import { useEffect, useRef, type ReactNode } from 'react'
import type { OpenFlow } from '../contracts.ts'
import { nodeTypes } from '../../../schemas/nodes/index.ts'
import { workbenchActions } from '../state/workbench-state.ts'
import { useWorkbench } from './context.ts'
import { formatShortcut } from './keys.ts'

function Overlay({ label, onClose, children }: { label: string; onClose(): void; children: ReactNode }) {
  const previous = useRef<Element | null>(null)
  useEffect(() => {
    previous.current = document.activeElement
    return () => (previous.current as HTMLElement | null)?.focus?.()
  }, [])
  return (
    <div className="quick-input-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div className="quick-input" role="dialog" aria-modal="true" aria-label={label} onKeyDown={(event) => event.key === 'Escape' && (event.preventDefault(), onClose())}>
        {children}
      </div>
    </div>
  )
}

export function CommandPalette({ open }: { open?: OpenFlow }) {
  const { store, actions, run } = useWorkbench()
  const close = () => store.set({ palette: false })
  const available = actions.filter((a) => !a.needsFlow || open)
  return (
    <Overlay label="Command palette" onClose={close}>
      <Command label="Command palette" loop>
        <Command.Input autoFocus placeholder="Type a command" aria-label="Type a command" />
        <Command.List>
          <Command.Empty>No matching command.</Command.Empty>
          {available.map((action) => (
            <Command.Item
              key={action.id}
              value={`${action.category}: ${action.title}`}
              keywords={[action.id]}
              onSelect={() => {
                close()
                requestAnimationFrame(() => run(action.id))
              }}
            >
              <span className="quick-item-label">
                <span className="muted">{action.category}: </span>
                {action.title}
              </span>
              {action.keys && <kbd>{formatShortcut(action.keys[0])}</kbd>}
            </Command.Item>
          ))}
        </Command.List>
      </Command>
    </Overlay>
  )
}

export function FindNode({ open }: { open: OpenFlow }) {
  const { store } = useWorkbench()
  const act = workbenchActions(store)
  const close = () => store.set({ findNode: false })
  const start = open.flow.start
  return (
    <Overlay label="Find node" onClose={close}>
      <Command label="Find node" loop>
        <Command.Input autoFocus placeholder="Find a node by name, id or type" aria-label="Find a node by name, id or type" />
        <Command.List>
          <Command.Empty>No node by that name.</Command.Empty>
          {open.flow.nodes.map((node) => {
            const type = nodeTypes[node.type] as { schema?: { title?: string } } | undefined
            return (
              <Command.Item
                key={node.id}
                value={`${node.name ?? node.id} ${node.id}`}
                keywords={[node.type, type?.schema?.title ?? '']}
                onSelect={() => {
                  close()
                  act.revealNode(node.id)
                }}
              >
                <span className="quick-item-label">
                  {node.name ?? node.id}
                  <span className="muted"> {node.id}{node.id === start ? ' · start' : ''}</span>
                </span>
                <span className="quick-item-detail">{type?.schema?.title ?? node.type}</span>
              </Command.Item>
            )
          })}
        </Command.List>
      </Command>
    </Overlay>
  )
}
