/**
 * The agent desk: token login, waiting and active conversations with a live SLA countdown, claim,
 * the whole transcript with the context the bot collected, reply, internal notes, resolve back to
 * the bot (at a chosen node) or end, and the supervisor's queue figures and agents. The agent signs in
 * with skills, says whether they are available or away, and takes the next conversation their skills
 * cover; waiting conversations that need another skill are greyed with what is missing. Polls the
 * desk API every 2 s, and each poll is also the agent's heartbeat (status and skills).
 */
import { StrictMode, useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { agentPath, api, ApiError, conversationPath, missingSkills, session, type Agent, type AgentStatus, type Detail, type ListItem, type Queues } from './api.ts'
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

/** Checkboxes for the skills the deployed flows ask for (plus any the agent typed), and a field to add another. */
function SkillPicker({ known, value, onChange, id }: { known: string[]; value: string[]; onChange(skills: string[]): void; id: string }) {
  const [other, setOther] = useState('')
  const all = useMemo(() => {
    const seen = new Map<string, string>()
    for (const s of [...known, ...value]) if (!seen.has(s.toLowerCase())) seen.set(s.toLowerCase(), s)
    return [...seen.values()]
  }, [known, value])
  const has = (skill: string) => value.some((s) => s.toLowerCase() === skill.toLowerCase())
  const toggle = (skill: string, on: boolean) => onChange(on ? [...value, skill] : value.filter((s) => s.toLowerCase() !== skill.toLowerCase()))
  const add = () => {
    const fresh = other.split(',').map((s) => s.trim()).filter((s) => s && !has(s))
    if (fresh.length) onChange([...value, ...fresh])
    setOther('')
  }
  return (
    <fieldset className="skill-picker">
      <legend>Your skills</legend>
      {all.length === 0 ? (
        <p className="hint">The deployed flows ask for no skills: you can take every conversation.</p>
      ) : (
        <div className="skill-options">
          {all.map((skill) => (
            <label key={skill} className="skill-option">
              <input type="checkbox" checked={has(skill)} onChange={(e) => toggle(skill, e.target.checked)} />
              {skill}
            </label>
          ))}
        </div>
      )}
      <div className="other-skill">
        <label htmlFor={`${id}-other`}>Another skill</label>
        <input id={`${id}-other`} value={other} onChange={(e) => setOther(e.target.value)} placeholder="e.g. german" maxLength={40}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              add()
            }
          }} />
        <button type="button" onClick={add} disabled={!other.trim()}>Add skill</button>
      </div>
    </fieldset>
  )
}

function Login({ onLogin }: { onLogin: () => void }) {
  const [step, setStep] = useState<'token' | 'skills'>('token')
  const [token, setToken] = useState('')
  const [agent, setAgent] = useState(session.agent())
  const [known, setKnown] = useState<string[]>([])
  const [skills, setSkills] = useState<string[]>(session.lastSkills)
  const [error, setError] = useState('')
  const submitToken = async (event: FormEvent) => {
    event.preventDefault()
    setError('')
    try {
      setKnown((await api<{ skills: string[] }>('/skills', { token: token.trim() })).skills)
      setStep('skills')
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? 'That token is not right. Copy it from the line `switchboard serve` printed, or from SWITCHBOARD_TOKEN.' : `Cannot reach the runtime: ${(e as Error).message}`)
    }
  }
  const start = async (event: FormEvent) => {
    event.preventDefault()
    setError('')
    try {
      await api(agentPath(agent.trim()), { method: 'PUT', body: { status: 'available', skills }, token: token.trim() })
      session.save(token.trim(), agent.trim())
      session.saveSkills(skills)
      session.saveStatus('available')
      onLogin()
    } catch (e) {
      setError((e as Error).message)
    }
  }
  return (
    <main className="login">
      {step === 'token' ? (
        <form onSubmit={submitToken} aria-labelledby="login-title">
          <h1 id="login-title">Switchboard desk</h1>
          <p>Take over conversations the bot handed to people.</p>
          <label>
            Your name
            <input name="agent" value={agent} onChange={(e) => setAgent(e.target.value)} required maxLength={64} autoComplete="name" placeholder="e.g. Ada" />
          </label>
          <label>
            Access token
            <input name="token" type="password" value={token} onChange={(e) => setToken(e.target.value)} required autoComplete="off" placeholder="SWITCHBOARD_TOKEN" />
          </label>
          {error && <p className="error" role="alert">{error}</p>}
          <button type="submit">Sign in</button>
        </form>
      ) : (
        <form onSubmit={start} aria-labelledby="skills-title">
          <h1 id="skills-title">Hello, {agent.trim()}</h1>
          <p>Pick what you can handle. Conversations that need a skill you do not have stay greyed out for you.</p>
          <SkillPicker id="login-skills" known={known} value={skills} onChange={setSkills} />
          {error && <p className="error" role="alert">{error}</p>}
          <div className="buttons">
            <button type="button" className="secondary" onClick={() => setStep('token')}>Back</button>
            <button type="submit">Start as available</button>
          </div>
        </form>
      )}
    </main>
  )
}

const statusNames: Record<AgentStatus, string> = { available: 'Available', away: 'Away', offline: 'Offline' }

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`
}

function Supervisor({ queues, agents, me, now }: { queues?: Queues; agents: Agent[]; me: string; now?: number }) {
  return (
    <>
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
      <section className="panel supervisor agents" aria-labelledby="agents-title">
        <h2 id="agents-title">Agents</h2>
        {agents.length === 0 ? (
          <p className="muted">Nobody is signed in.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Status</th>
                <th scope="col">Skills</th>
                <th scope="col" className="num">Active</th>
              </tr>
            </thead>
            <tbody>
              {agents.map((a) => (
                <tr key={a.name} data-agent={a.name}>
                  <th scope="row">{a.name}{a.name === me && <span className="you"> (you)</span>}</th>
                  <td className="status" title={a.lastSeen !== null && now !== undefined ? `Last seen ${ago(now - a.lastSeen)}` : 'Not seen since the runtime started'}>
                    <span className={`dot dot-${a.status}`} aria-hidden="true" />
                    {statusNames[a.status]}
                  </td>
                  <td className="skills">{a.skills.length ? a.skills.join(', ') : <span className="none">none</span>}</td>
                  <td className="num">{a.active}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  )
}

function ConversationList({ title, items, now, selected, onSelect, onClaim, action }: { title: string; items: ListItem[]; now?: number; selected?: string; onSelect(id: string): void; onClaim?(id: string): void; action?: ReactNode }) {
  const id = `list-${title.toLowerCase()}`
  return (
    <section className="panel list" aria-labelledby={id}>
      <div className="list-head">
        <h2 id={id}>
          {title} <span className="count">{items.length}</span>
        </h2>
        {action}
      </div>
      {items.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {items.map((item) => {
            const blocked = item.status === 'queued' && item.eligible === false
            const needs = `needs-${item.id.replace(/[^a-zA-Z0-9_-]/g, '_')}`
            return (
              <li key={item.id} className={`card${item.id === selected ? ' selected' : ''}${blocked ? ' ineligible' : ''} sla-${item.status === 'active' ? 'off' : item.sla.state}`} data-conversation={item.id} data-eligible={item.status === 'queued' ? String(!blocked) : undefined}>
                <button type="button" className="open" onClick={() => onSelect(item.id)} aria-current={item.id === selected ? 'true' : undefined}>
                  <span className="who">{who(item.contact, item.channel)}</span>
                  <span className="meta">
                    <span className={`channel ch-${item.channel}`}>{channelNames[item.channel]}</span>
                    <span className="queue">{item.queue}</span>
                    <span className="priority" title="Priority (10 is most urgent)">P{item.priority}</span>
                    {item.tier > 1 && <span className="tier" title="Escalated from an earlier queue">Tier {item.tier}</span>}
                    {!blocked && item.skills.map((s) => <span key={s} className="skill" title="Skill this conversation needs">{s}</span>)}
                  </span>
                  {blocked && <span className="needs" id={needs}>needs: {item.missingSkills?.join(', ')}</span>}
                  <Sla item={item} now={now} />
                </button>
                {onClaim && item.status === 'queued' && (
                  <button type="button" className="claim" onClick={() => onClaim(item.id)} disabled={blocked} aria-describedby={blocked ? needs : undefined}>
                    Claim
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}

const show = (value: unknown) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value))

function Conversation({ detail, now, me, skills, onClaim, onChanged, onResolved }: { detail: Detail; now?: number; me: string; skills: string[]; onClaim(): void; onChanged(): void; onResolved(message: string): void }) {
  const [reply, setReply] = useState('')
  const [note, setNote] = useState('')
  const [resumeAt, setResumeAt] = useState('')
  const [error, setError] = useState('')
  const log = useRef<HTMLOListElement>(null)
  const mine = detail.status === 'active' && detail.agent === me
  const missing = detail.status === 'queued' ? missingSkills(detail.skills, skills) : []
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
            {detail.tier > 1 && <span className="tier" title="Escalated from an earlier queue">Tier {detail.tier}</span>}
            {detail.skills.map((s) => (
              <span key={s} className={`skill${missing.includes(s) ? ' missing' : ''}`} title={missing.includes(s) ? 'You do not have this skill' : 'Needed skill'}>{s}</span>
            ))}
            <Sla item={detail} now={now} />
          </p>
        </div>
        {detail.status === 'queued' && (
          <div className="claim-box">
            <button type="button" className="claim primary" onClick={onClaim} disabled={missing.length > 0} aria-describedby={missing.length ? 'claim-needs' : undefined}>
              Claim
            </button>
            {missing.length > 0 && <span id="claim-needs" className="needs">needs: {missing.join(', ')}</span>}
          </div>
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

function Availability({ value, onChange }: { value: 'available' | 'away'; onChange(status: 'available' | 'away'): void }) {
  return (
    <fieldset className="availability">
      <legend className="sr">Availability</legend>
      {(['available', 'away'] as const).map((status) => (
        <label key={status} className={`avail avail-${status}${value === status ? ' on' : ''}`}>
          <input type="radio" name="availability" value={status} checked={value === status} onChange={() => onChange(status)} />
          <span className={`dot dot-${status}`} aria-hidden="true" />
          {statusNames[status]}
        </label>
      ))}
    </fieldset>
  )
}

function Desk({ onLogout }: { onLogout: () => void }) {
  const me = session.agent() || 'agent'
  const [items, setItems] = useState<ListItem[]>([])
  const [queues, setQueues] = useState<Queues>()
  const [agents, setAgents] = useState<Agent[]>([])
  const [known, setKnown] = useState<string[]>([])
  const [status, setStatus] = useState(session.status)
  const [skills, setSkills] = useState(session.skills)
  const [editing, setEditing] = useState<string[]>()
  const [selected, setSelected] = useState<string>()
  const [detail, setDetail] = useState<Detail>()
  const [serverNow, setServerNow] = useState<{ at: number; received: number }>()
  const [notice, setNotice] = useState('')
  const [offline, setOffline] = useState(false)
  const selectedRef = useRef(selected)
  selectedRef.current = selected
  const presence = useRef({ status, skills })
  presence.current = { status, skills }

  const refresh = useCallback(async () => {
    try {
      // Every poll is also the heartbeat: it says the status and skills again, so a restarted runtime learns them back at once.
      await api(agentPath(me), { method: 'PUT', body: presence.current })
      const [list, figures, team] = await Promise.all([
        api<{ now: number; conversations: ListItem[] }>(`/conversations?agent=${encodeURIComponent(me)}`),
        api<Queues>('/queues'),
        api<{ agents: Agent[] }>('/agents'),
      ])
      setItems(list.conversations)
      setQueues(figures)
      setAgents(team.agents)
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
  }, [onLogout, me])

  useEffect(() => {
    void refresh()
    const timer = window.setInterval(() => void refresh(), POLL_MS)
    return () => window.clearInterval(timer)
  }, [refresh])

  useEffect(() => {
    api<{ skills: string[] }>('/skills').then((r) => setKnown(r.skills), () => {})
  }, [])

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
  const takeNext = async () => {
    setNotice('')
    try {
      const taken = await api<ListItem>('/next', { method: 'POST', body: { agent: me } })
      setSelected(taken.id)
    } catch (e) {
      setNotice((e as Error).message)
    }
    await refresh()
  }
  const changeStatus = (next: 'available' | 'away') => {
    setStatus(next)
    session.saveStatus(next)
    presence.current = { ...presence.current, status: next }
    void refresh()
  }
  const saveSkills = (event: FormEvent) => {
    event.preventDefault()
    if (!editing) return
    setSkills(editing)
    session.saveSkills(editing)
    presence.current = { ...presence.current, skills: editing }
    setEditing(undefined)
    void refresh()
  }
  const signOut = () => {
    // Tell the others at once rather than after the heartbeat window.
    void api(agentPath(me), { method: 'PUT', body: { status: 'offline' } }).catch(() => {}).finally(onLogout)
  }
  const queued = useMemo(() => items.filter((i) => i.status === 'queued'), [items])
  const active = useMemo(() => items.filter((i) => i.status === 'active'), [items])
  const takeable = queued.filter((i) => i.eligible !== false).length
  const hint = status === 'away' ? 'You are away: switch to Available to take conversations.' : takeable ? `${takeable} waiting for you` : queued.length ? 'Nothing waiting fits your skills.' : 'Nobody is waiting.'

  return (
    <div className="desk">
      <header className="top">
        <h1>Switchboard desk</h1>
        {offline && <span className="offline" role="status">Reconnecting…</span>}
        <Availability value={status} onChange={changeStatus} />
        <span className="me">Signed in as <strong>{me}</strong></span>
        <button type="button" className="my-skills" aria-expanded={editing !== undefined} aria-controls="skills-panel" onClick={() => setEditing(editing ? undefined : skills)}>
          Skills: {skills.length ? skills.join(', ') : 'none'}
        </button>
        <button type="button" onClick={signOut}>Sign out</button>
      </header>
      {editing && (
        <form id="skills-panel" className="skills-panel" onSubmit={saveSkills} aria-label="Edit your skills">
          <SkillPicker id="edit-skills" known={known} value={editing} onChange={setEditing} />
          <div className="buttons">
            <button type="button" className="secondary" onClick={() => setEditing(undefined)}>Cancel</button>
            <button type="submit" className="primary">Save skills</button>
          </div>
        </form>
      )}
      {notice && <p className="notice" role="status">{notice}</p>}
      <div className="layout">
        <nav className="left" aria-label="Conversations">
          <ConversationList title="Waiting" items={queued} now={now} selected={selected} onSelect={setSelected} onClaim={(id) => void claim(id)}
            action={
              <>
                <button type="button" className="primary take-next" onClick={() => void takeNext()} disabled={status !== 'available' || takeable === 0} aria-describedby="take-next-hint">Take next</button>
                <span id="take-next-hint" className="take-next-hint">{hint}</span>
              </>
            } />
          <ConversationList title="Active" items={active} now={now} selected={selected} onSelect={setSelected} />
          <Supervisor queues={queues} agents={agents} me={me} now={now} />
        </nav>
        {detail ? (
          <Conversation key={detail.id} detail={detail} now={now} me={me} skills={skills} onClaim={() => void claim(detail.id)} onChanged={() => void refresh()}
            onResolved={(message) => {
              setNotice(message)
              setSelected(undefined)
              void refresh()
            }} />
        ) : (
          <section className="panel empty">
            <p>Pick a conversation on the left, or take the next one. Waiting ones are ordered by priority, then by how long the customer has waited.</p>
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
