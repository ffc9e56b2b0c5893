/**
 * The Comments side view: every thread of the open flow (open ones first), replies, resolve and
 * reopen, and the composer for a new thread pinned where the canvas comment tool was clicked or to
 * the selected node. Shared live through the flow's comments document.
 */
import { useEffect, useRef } from 'react'
import type { FlowNode } from '../../../schemas/nodes/step.ts'
import { useStore } from '../state/store.ts'
import { CommentComposer } from './comment-composer.tsx'
import { anchorLabel, deleteThread, replyTo, setResolved, startThread, type Anchor, type CommentThread } from './comments.ts'
import type { CollabLink } from './connection.ts'
import { mentions, splitMentions } from './mentions.ts'
import { userStore } from './user.ts'

export interface CommentsPanelProps {
  link: CollabLink
  nodes: FlowNode[]
  selection: string[]
  onRevealNode(node: string): void
}

function MessageText({ text, me }: { text: string; me: string }) {
  return (
    <p className="sb-comment-text">
      {splitMentions(text).map((part, index) =>
        part.mention ? (
          <mark key={index} className={`sb-mention${mentions(part.text, me) ? ' is-me' : ''}`}>{part.text}</mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  )
}

const time = (at: number) => new Date(at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })

export function CommentsPanel({ link, nodes, selection, onRevealNode }: CommentsPanelProps) {
  const threads = useStore(link.state, (s) => s.threads)
  const peers = useStore(link.state, (s) => s.peers)
  const draft = useStore(link.state, (s) => s.draft)
  const focus = useStore(link.state, (s) => s.focus)
  const me = useStore(userStore, (s) => s.user)
  const list = useRef<HTMLDivElement>(null)
  const names = [...new Set(peers.map((p) => p.user.name))]
  const nodeName = (id: string) => nodes.find((n) => n.id === id)?.name ?? id
  const ordered = [...threads.filter((t) => !t.resolved), ...threads.filter((t) => t.resolved)]
  const canWrite = !link.readOnly

  useEffect(() => {
    if (!focus?.thread) return
    list.current?.querySelector<HTMLElement>(`[data-thread="${CSS.escape(focus.thread)}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [focus?.seq]) // eslint-disable-line react-hooks/exhaustive-deps

  const start = (anchor: Anchor, text: string) => {
    const id = startThread(link.comments, anchor, me, text)
    link.state.set({ draft: undefined, focus: { thread: id, seq: performance.now() } })
  }

  return (
    <div className="sb-comments" ref={list}>
      {canWrite && !draft && (
        <div className="sb-comments-new">
          <button type="button" onClick={() => link.state.set({ commentMode: true })} title="Then click a node or a spot on the canvas">Comment on the canvas…</button>
          {selection.length === 1 && (
            <button type="button" onClick={() => link.state.set({ draft: { node: selection[0] } })}>Comment on {nodeName(selection[0])}</button>
          )}
        </div>
      )}
      {canWrite && draft && (
        <section className="sb-thread is-draft" aria-label="New comment">
          <header className="sb-thread-head">New comment on {anchorLabel(draft, nodeName)}</header>
          <CommentComposer label="New comment" placeholder="Write a comment; @ mentions someone" names={names} submitLabel="Comment" autoFocus onSubmit={(text) => start(draft, text)} onCancel={() => link.state.set({ draft: undefined })} />
        </section>
      )}
      {!ordered.length && !draft && <p className="sb-comments-empty">No comments yet.{canWrite && ' Use the Comment tool on the canvas, or comment on the selected node.'}</p>}
      {ordered.map((thread, index) => (
        <Thread key={thread.id} thread={thread} number={index + 1} link={link} me={me} names={names} focused={focus?.thread === thread.id} nodeName={nodeName} onRevealNode={onRevealNode} />
      ))}
    </div>
  )
}

function Thread({ thread, number, link, me, names, focused, nodeName, onRevealNode }: { thread: CommentThread; number: number; link: CollabLink; me: { name: string; color: string }; names: string[]; focused: boolean; nodeName(id: string): string; onRevealNode(node: string): void }) {
  const anchor = thread.anchor
  return (
    <section className={`sb-thread${thread.resolved ? ' is-resolved' : ''}${focused ? ' is-focused' : ''}`} data-thread={thread.id} aria-label={`Comment by ${thread.author.name}${thread.resolved ? ' (resolved)' : ''}`}>
      <header className="sb-thread-head">
        <span className="sb-thread-number" style={{ background: thread.author.color }}>{thread.resolved ? '✓' : number}</span>
        {'node' in anchor ? (
          <button type="button" className="sb-link" onClick={() => onRevealNode(anchor.node)}>on {nodeName(anchor.node)}</button>
        ) : (
          <span>on the canvas</span>
        )}
        {!link.readOnly && (
          <span className="sb-thread-actions">
            <button type="button" onClick={() => setResolved(link.comments, thread.id, !thread.resolved)}>{thread.resolved ? 'Reopen' : 'Resolve'}</button>
            {thread.author.name === me.name && <button type="button" aria-label="Delete this thread" title="Delete this thread" onClick={() => deleteThread(link.comments, thread.id)}>Delete</button>}
          </span>
        )}
      </header>
      {thread.messages.map((message) => (
        <article key={message.id} className={`sb-comment${mentions(message.text, me.name) ? ' mentions-me' : ''}`}>
          <div className="sb-comment-meta">
            <strong style={{ color: message.author.color }}>{message.author.name}</strong> <time dateTime={new Date(message.at).toISOString()}>{time(message.at)}</time>
          </div>
          <MessageText text={message.text} me={me.name} />
        </article>
      ))}
      {!link.readOnly && !thread.resolved && <CommentComposer label={`Reply to comment ${number}`} placeholder="Reply…" names={names} submitLabel="Reply" onSubmit={(text) => replyTo(link.comments, thread.id, me, text)} />}
    </section>
  )
}
