/**
 * The agent desk: token login, waiting and active conversations with a live SLA countdown, claim,
 * the whole transcript with the context the bot collected, reply, internal notes, resolve back to
 * the bot (at a chosen node) or end, and the supervisor's queue figures. Polls the desk API every 2 s.
 */
import { StrictMode, useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import { createRoot } from 'react-dom/client'
import { api, ApiError, conversationPath, session, type Detail, type ListItem, type Queues } from './api.ts'
import './desk.css'

const POLL_MS = 2000

const channelNames: Record<ListItem['channel'], string> = { whatsapp: 'WhatsApp', webchat: 'Web chat', voice: 'Phone' }

function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(Math.abs(seconds)))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = String(s % 60).padStart(2, '0')
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`
}

/** The customer's name or number; a web chat visitor is anonymous (a random session id), so a short tag stands in. */
const who = (c: ListItem['contact'], channel?: ListItem['channel']) => c.name || c.phone || (channel === 'webchat' ? `Web visitor ${c.id.slice(0, 4)}` : c.id)

/** Server time now: the server's `now` at the last poll plus the time passed here since. */
function useServerNow(serverNow: number | undefined, receivedAt: number) {
  const [, tick] = useState(0)
  useEffect(() => {
    const timer = window.setInterval(() => tick((n) => n + 1), 1000)
    return () => window.clearInterval(timer)
  }, [])
  return serverNow === undefined ? undefined : serverNow + (performance.now() - receivedAt)
}

function Sla({ item, now }: { item: ListItem; now?: number }) {
  if (item.status === 'active') return <span className="sla sla-off">with {item.agent}</span>
  const { alertAt, escalateAt } = item.sla
  if (now === undefined || (alertAt === undefined && escalateAt === undefined)) return <span className="sla sla-off">no SLA</span>
  if (escalateAt !== undefined && now >= escalateAt) return <span className="sla sla-breached" title="Past the escalation deadline">breached {clock((now - escalateAt) / 1000)} ago</span>
  if (alertAt !== undefined && now < alertAt) return <span className="sla sla-ok" title="Time before the supervisor is alerted">alert in {clock((alertAt - now) / 1000)}</span>
  if (escalateAt !== undefined) return <span className="sla sla-alerted" title="Time before the conversation escalates">escalates in {clock((escalateAt - now) / 1000)}</span>
  return <span className="sla sla-alerted">alerted</span>
}

function Login({ onLogin }: { onLogin: () => void }) {
  const [token, setToken] = useState('')
  const [agent, setAgent] = useState(session.agent())
  const [error, setError] = useState('')
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError('')
    try {
      await api('/queues', { token: token.trim() })
      session.save(token.trim(), agent.trim())
      onLogin()
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? 'That token is not right. Copy it from the line `switchboard serve` printed, or from SWITCHBOARD_TOKEN.' : `Cannot reach the runtime: ${(e as Error).message}`)
    }
  }
  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Switchboard desk</h1>
        <p>Take over conversations the bot handed to people.</p>
        <label>
          Your name
          <input name="agent" value={agent} onChange={(e) => setAgent(e.target.value)} required autoComplete="name" placeholder="e.g. Ada" />
        </label>
        <label>
          Access token
          <input name="token" type="password" value={token} onChange={(e) => setToken(e.target.value)} required autoComplete="off" placeholder="SWITCHBOARD_TOKEN" />
        </label>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit">Sign in</button>
      </form>
    </main>
  )
}

function Supervisor({ queues }: { queues?: Queues }) {
  return (
    <section className="panel supervisor" aria-labelledby="supervisor-title">
      <h2 id="supervisor-title">Queues</h2>
      {!queues?.queues.length ? (
        <p className="muted">Nobody is waiting.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col">Waiting</th>
              <th scope="col">Active</th>
              <th scope="col">Longest wait</th>
              <th scope="col">Breaches</th>
            </tr>
          </thead>
          <tbody>
            {queues.queues.map((q) => (
              <tr key={q.queue} data-queue={q.queue}>
                <th scope="row">{q.queue}</th>
                <td>{q.queued}</td>
                <td>{q.active}</td>
                <td>{clock(q.longestWaitSeconds)}</td>
                <td className={q.breaches ? 'bad' : undefined}>{q.breaches}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function ConversationList({ title, items, now, selected, onSelect, onClaim }: { title: string; items: ListItem[]; now?: number; selected?: string; onSelect(id: string): void; onClaim?(id: string): void }) {
  const id = `list-${title.toLowerCase()}`
  return (
    <section className="panel list" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="count">{items.length}</span>
      </h2>
      {items.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.id} className={`card${item.id === selected ? ' selected' : ''} sla-${item.status === 'active' ? 'off' : item.sla.state}`} data-conversation={item.id}>
              <button type="button" className="open" onClick={() => onSelect(item.id)} aria-current={item.id === selected ? 'true' : undefined}>
                <span className="who">{who(item.contact, item.channel)}</span>
                <span className="meta">
                  <span className={`channel ch-${item.channel}`}>{channelNames[item.channel]}</span>
                  <span className="queue">{item.queue}</span>
                  <span className="priority" title="Priority (10 is most urgent)">P{item.priority}</span>
                </span>
                <Sla item={item} now={now} />
              </button>
              {onClaim && item.status === 'queued' && (
                <button type="button" className="claim" onClick={() => onClaim(item.id)}>
                  Claim
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

const show = (value: unknown) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value))

function Conversation({ detail, now, me, onClaim, onChanged, onResolved }: { detail: Detail; now?: number; me: string; onClaim(): void; onChanged(): void; onResolved(message: string): void }) {
  const [reply, setReply] = useState('')
  const [note, setNote] = useState('')
  const [resumeAt, setResumeAt] = useState('')
  const [error, setError] = useState('')
  const log = useRef<HTMLOListElement>(null)
  const mine = detail.status === 'active' && detail.agent === me
  const path = conversationPath(detail.id)

  useEffect(() => {
    log.current?.lastElementChild?.scrollIntoView({ block: 'end' })
  }, [detail.transcript.length])

  const run = async (work: () => Promise<unknown>) => {
    setError('')
    try {
      await work()
      onChanged()
    } catch (e) {
      setError((e as Error).message)
    }
  }
  const send = (event: FormEvent) => {
    event.preventDefault()
    if (!reply.trim()) return
    void run(async () => {
      await api(`${path}/messages`, { method: 'POST', body: { text: reply, agent: me } })
      setReply('')
    })
  }
  const addNote = (event: FormEvent) => {
    event.preventDefault()
    if (!note.trim()) return
    void run(async () => {
      await api(`${path}/notes`, { method: 'POST', body: { text: note, agent: me } })
      setNote('')
    })
  }
  const resolve = (event: FormEvent) => {
    event.preventDefault()
    setError('')
    const body = resumeAt === '' ? {} : resumeAt === '#end' ? { end: true } : { resumeAt }
    api<{ status: string }>(`${path}/resolve`, { method: 'POST', body })
      .then(() => onResolved(resumeAt === '#end' ? 'Conversation ended.' : 'Given back to the bot.'))
      .catch((e: Error) => setError(e.message))
  }

  return (
    <section className="panel conversation" aria-labelledby="conversation-title">
      <header>
        <div>
          <h2 id="conversation-title">{who(detail.contact, detail.channel)}</h2>
          <p className="meta">
            <span className={`channel ch-${detail.channel}`}>{channelNames[detail.channel]}</span>
            <span className="queue">{detail.queue}</span>
            <span className="priority">P{detail.priority}</span>
            {detail.skills.map((s) => (
              <span key={s} className="skill">{s}</span>
            ))}
            <Sla item={detail} now={now} />
          </p>
        </div>
        {detail.status === 'queued' && (
          <button type="button" className="claim primary" onClick={onClaim}>
            Claim
          </button>
        )}
      </header>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="columns">
        <div className="chat">
          <ol className="transcript" ref={log} aria-label="Transcript">
            {detail.transcript.map((line, i) => (
              <li key={i} className={`bubble from-${line.from}`}>
                <span className="sender">{line.from === 'agent' ? line.data?.agent ?? 'Agent' : line.from === 'bot' ? 'Bot' : line.from === 'customer' ? 'Customer' : ''}</span>
                <span className="text">{line.text}</span>
                {line.data?.options && line.data.options.length > 0 && <span className="options">{line.data.options.map((o) => o.label).join(' · ')}</span>}
                <time dateTime={new Date(line.at).toISOString()}>{new Date(line.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</time>
              </li>
            ))}
          </ol>
          {detail.channel === 'voice' ? (
            <p className="muted">This is a phone call: it is transferred to the queue with Enqueue/Dial; answer it on the phone.</p>
          ) : (
            <form className="reply" onSubmit={send}>
              <label className="sr" htmlFor="reply">Reply to the customer</label>
              <textarea id="reply" value={reply} onChange={(e) => setReply(e.target.value)} disabled={!mine} placeholder={mine ? `Write to ${who(detail.contact, detail.channel)}…` : 'Claim the conversation to reply'} rows={2}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.shiftKey) {
                    e.preventDefault()
                    e.currentTarget.form?.requestSubmit()
                  }
                }} />
              <button type="submit" className="primary" disabled={!mine || !reply.trim()}>Send</button>
            </form>
          )}
        </div>
        <aside className="side">
          <section aria-labelledby="context-title">
            <h3 id="context-title">Context</h3>
            <p className="summary">{detail.summary}</p>
            {Object.keys(detail.variables).length > 0 && (
              <dl className="variables">
                {Object.entries(detail.variables).map(([name, value]) => (
                  <div key={name}>
                    <dt>{name}</dt>
                    <dd>{show(value)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </section>
          <section aria-labelledby="notes-title">
            <h3 id="notes-title">Internal notes</h3>
            <ul className="notes">
              {detail.notes.map((n, i) => (
                <li key={i}>
                  <strong>{n.agent ?? 'Agent'}</strong> {n.text}
                </li>
              ))}
            </ul>
            <form className="note" onSubmit={addNote}>
              <label className="sr" htmlFor="note">Internal note</label>
              <input id="note" value={note} onChange={(e) => setNote(e.target.value)} placeholder="Only colleagues see this" />
              <button type="submit" disabled={!note.trim()}>Add</button>
            </form>
          </section>
          <section aria-labelledby="resolve-title">
            <h3 id="resolve-title">Resolve</h3>
            <form className="resolve" onSubmit={resolve}>
              <label htmlFor="resume">Then</label>
              <select id="resume" value={resumeAt} onChange={(e) => setResumeAt(e.target.value)}>
                <option value="">the bot continues (resolved exit)</option>
                <optgroup label="The bot continues at">
                  {detail.nodes.map((n) => (
                    <option key={n.id} value={n.id}>{n.name ? `${n.name} (${n.id})` : n.id}</option>
                  ))}
                </optgroup>
                <option value="#end">end the conversation</option>
              </select>
              <button type="submit" className="resolve-button" disabled={detail.status !== 'active'}>Resolve</button>
            </form>
          </section>
        </aside>
      </div>
    </section>
  )
}

function Desk({ onLogout }: { onLogout: () => void }) {
  const me = session.agent() || 'agent'
  const [items, setItems] = useState<ListItem[]>([])
  const [queues, setQueues] = useState<Queues>()
  const [selected, setSelected] = useState<string>()
  const [detail, setDetail] = useState<Detail>()
  const [serverNow, setServerNow] = useState<{ at: number; received: number }>()
  const [notice, setNotice] = useState('')
  const [offline, setOffline] = useState(false)
  const selectedRef = useRef(selected)
  selectedRef.current = selected

  const refresh = useCallback(async () => {
    try {
      const [list, figures] = await Promise.all([api<{ now: number; conversations: ListItem[] }>('/conversations'), api<Queues>('/queues')])
      setItems(list.conversations)
      setQueues(figures)
      setServerNow({ at: list.now, received: performance.now() })
      const id = selectedRef.current
      if (id) {
        try {
          setDetail(await api<Detail>(conversationPath(id)))
        } catch (e) {
          if (e instanceof ApiError && e.status === 404) {
            setSelected(undefined)
            setDetail(undefined)
          } else throw e
        }
      }
      setOffline(false)
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return onLogout()
      setOffline(true)
    }
  }, [onLogout])

  useEffect(() => {
    void refresh()
    const timer = window.setInterval(() => void refresh(), POLL_MS)
    return () => window.clearInterval(timer)
  }, [refresh])

  useEffect(() => {
    if (!selected) return setDetail(undefined)
    api<Detail>(conversationPath(selected)).then(setDetail, () => setDetail(undefined))
  }, [selected])

  const now = useServerNow(serverNow?.at, serverNow?.received ?? 0)
  const claim = async (id: string) => {
    setNotice('')
    try {
      await api(`${conversationPath(id)}/claim`, { method: 'POST', body: { agent: me } })
      setSelected(id)
    } catch (e) {
      setNotice((e as Error).message)
    }
    await refresh()
  }
  const queued = useMemo(() => items.filter((i) => i.status === 'queued'), [items])
  const active = useMemo(() => items.filter((i) => i.status === 'active'), [items])

  return (
    <div className="desk">
      <header className="top">
        <h1>Switchboard desk</h1>
        {offline && <span className="offline" role="status">Reconnecting…</span>}
        <span className="me">Signed in as <strong>{me}</strong></span>
        <button type="button" onClick={onLogout}>Sign out</button>
      </header>
      {notice && <p className="notice" role="status">{notice}</p>}
      <div className="layout">
        <nav className="left" aria-label="Conversations">
          <ConversationList title="Waiting" items={queued} now={now} selected={selected} onSelect={setSelected} onClaim={(id) => void claim(id)} />
          <ConversationList title="Active" items={active} now={now} selected={selected} onSelect={setSelected} />
          <Supervisor queues={queues} />
        </nav>
        {detail ? (
          <Conversation key={detail.id} detail={detail} now={now} me={me} onClaim={() => void claim(detail.id)} onChanged={() => void refresh()}
            onResolved={(message) => {
              setNotice(message)
              setSelected(undefined)
              void refresh()
            }} />
        ) : (
          <section className="panel empty">
            <p>Pick a conversation on the left. Waiting ones are ordered by priority, then by how long the customer has waited.</p>
          </section>
        )}
      </div>
    </div>
  )
}

function App() {
  const [signedIn, setSignedIn] = useState(() => session.token() !== '')
  const logout = useCallback(() => {
    session.clear()
    setSignedIn(false)
  }, [])
  return signedIn ? <Desk onLogout={logout} /> : <Login onLogin={() => setSignedIn(true)} />
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
