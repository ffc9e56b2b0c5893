/*
 * Switchboard web chat widget: one self-contained script, no framework, nothing from a CDN.
 *   <script src="https://runtime.example/webchat/widget.js" data-site-key="shop" data-title="Help"
 *           data-color="#0f766e" data-greeting="Hi! Ask us anything." data-position="right"></script>
 * It talks to the runtime's /webchat WebSocket (protocol: runtime/channels/webchat/protocol.ts),
 * keeps the session id in localStorage so a reload restores the conversation, and renders inside
 * a Shadow DOM so the host page's CSS stays out (and ours stays in).
 */
;(() => {
  'use strict'
  const script = document.currentScript
  if (!script || window.SwitchboardWebchat) return

  const data = script.dataset
  const siteKey = data.siteKey || ''
  const title = data.title || 'Chat with us'
  const greeting = data.greeting || ''
  const position = data.position === 'left' ? 'left' : 'right'
  const brand = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(data.color || '') ? expandHex(data.color) : '#2563eb'
  const server = new URL(script.src, location.href)
  const socketUrl = (server.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + server.host + '/webchat'
  const storageKey = 'switchboard-webchat:' + server.host + ':' + siteKey
  const icons = {
    chat: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3C6.5 3 2 6.9 2 11.7c0 2.6 1.3 4.9 3.4 6.5L4.6 21.4c-.1.4.3.7.7.5l3.8-1.9c.9.2 1.9.3 2.9.3 5.5 0 10-3.9 10-8.6S17.5 3 12 3z" fill="currentColor"/></svg>',
    close: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" fill="none"/></svg>',
    send: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3.4 20.4l17.5-7.5c.8-.4.8-1.5 0-1.8L3.4 3.6c-.7-.3-1.4.3-1.2 1l1.9 6.2c.1.3.4.6.8.6l8.1.6-8.1.6c-.4 0-.7.3-.8.6l-1.9 6.2c-.2.7.5 1.3 1.2 1z" fill="currentColor"/></svg>',
    bot: '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2a1.5 1.5 0 0 1 .8 2.8V6H17a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3V9a3 3 0 0 1 3-3h4.2V4.8A1.5 1.5 0 0 1 12 2zM9 11.2a1.4 1.4 0 1 0 0 2.8 1.4 1.4 0 0 0 0-2.8zm6 0a1.4 1.4 0 1 0 0 2.8 1.4 1.4 0 0 0 0-2.8z" fill="currentColor"/></svg>',
  }

  function expandHex(hex) {
    return hex.length === 4 ? '#' + [1, 2, 3].map((i) => hex[i] + hex[i]).join('') : hex.toLowerCase()
  }
  function luminance(hex) {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4)
    })
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  }
  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
    return (hi + 0.05) / (lo + 0.05)
  }
  /** Moves a colour toward black or white until it reads on `background` (WCAG AA for text). */
  function readableOn(background, color) {
    const toward = luminance(background) > 0.5 ? 0 : 255
    let [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16))
    for (let step = 0; step < 20 && contrast(hex(r, g, b), background) < 4.5; step++) {
      ;[r, g, b] = [r, g, b].map((c) => Math.round(c + (toward - c) * 0.12))
    }
    return hex(r, g, b)
  }
  function hex(r, g, b) {
    return '#' + [r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')
  }
  const onBrand = contrast(brand, '#ffffff') >= contrast(brand, '#111827') ? '#ffffff' : '#111827'
  const accentLight = readableOn('#ffffff', brand)
  const accentDark = readableOn('#16181d', brand)

  const storage = {
    get(store, key) {
      try { return window[store].getItem(key) } catch { return null }
    },
    set(store, key, value) {
      try { value === null ? window[store].removeItem(key) : window[store].setItem(key, value) } catch { /* storage disabled: the chat still works for this page */ }
    },
  }

  const css = `
:host { all: initial; }
.root {
  --brand: ${brand}; --on-brand: ${onBrand}; --accent: ${accentLight};
  --bg: #ffffff; --surface: #f1f3f7; --text: #161b26; --muted: #5d6675; --border: #e3e6ec; --shadow: 0 18px 50px rgba(15, 23, 42, .22), 0 2px 8px rgba(15, 23, 42, .08);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--text); -webkit-font-smoothing: antialiased;
}
@media (prefers-color-scheme: dark) {
  .root { --accent: ${accentDark}; --bg: #16181d; --surface: #252932; --text: #eef0f4; --muted: #a3aab8; --border: #2f3440; --shadow: 0 18px 50px rgba(0, 0, 0, .55); }
}
*, *::before, *::after { box-sizing: border-box; }
button, input { font: inherit; color: inherit; }
button { cursor: pointer; }
button:disabled { cursor: default; }
svg { width: 100%; height: 100%; display: block; }
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
:focus { outline: none; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }

.launcher {
  position: fixed; bottom: 20px; ${position}: 20px; z-index: 2147483000;
  width: 60px; height: 60px; border: 0; border-radius: 50%; padding: 16px;
  background: var(--brand); color: var(--on-brand); box-shadow: 0 6px 22px rgba(15, 23, 42, .28);
  transition: transform .18s ease, box-shadow .18s ease;
}
.launcher:hover { transform: translateY(-2px); box-shadow: 0 10px 28px rgba(15, 23, 42, .32); }
.launcher .when-open { display: none; padding: 3px; }
.launcher[aria-expanded="true"] .when-open { display: block; }
.launcher[aria-expanded="true"] .when-closed { display: none; }
.badge {
  position: absolute; top: -2px; ${position === 'right' ? 'left' : 'right'}: -2px; min-width: 22px; height: 22px; padding: 0 6px;
  border-radius: 11px; background: #e11d48; color: #fff; font-size: 12px; font-weight: 700; line-height: 22px; text-align: center;
  box-shadow: 0 0 0 2px var(--bg);
}

.panel {
  position: fixed; bottom: 96px; ${position}: 20px; z-index: 2147483000;
  width: 380px; height: min(620px, calc(100vh - 120px)); display: flex; flex-direction: column;
  background: var(--bg); border-radius: 18px; box-shadow: var(--shadow); overflow: hidden;
  transform-origin: bottom ${position}; animation: enter .2s cubic-bezier(.2, .8, .3, 1);
}
.panel[hidden] { display: none; }
@keyframes enter { from { opacity: 0; transform: translateY(12px) scale(.97); } to { opacity: 1; transform: none; } }

.header { display: flex; align-items: center; gap: 12px; padding: 16px 14px 16px 18px; background: var(--brand); color: var(--on-brand); }
.avatar { flex: none; width: 40px; height: 40px; padding: 8px; border-radius: 50%; background: color-mix(in srgb, var(--on-brand) 18%, transparent); }
.heading { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 16px; font-weight: 650; line-height: 1.25; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.status { margin: 2px 0 0; font-size: 13px; opacity: .9; display: flex; align-items: center; gap: 6px; }
.status::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: #34d399; box-shadow: 0 0 0 2px color-mix(in srgb, var(--on-brand) 35%, transparent); }
.status[data-state="connecting"]::before { background: #fbbf24; }
.status[data-state="offline"]::before { background: #f87171; }
.close { flex: none; width: 36px; height: 36px; padding: 8px; border: 0; border-radius: 10px; background: transparent; color: var(--on-brand); }
.close:hover { background: color-mix(in srgb, var(--on-brand) 16%, transparent); }
.close:focus-visible { outline-color: var(--on-brand); outline-offset: -3px; }

.scroll { flex: 1; overflow-y: auto; padding: 18px 16px 8px; overscroll-behavior: contain; }
.intro { margin: 0 auto 16px; max-width: 85%; text-align: center; color: var(--muted); font-size: 14px; }
.log { display: flex; flex-direction: column; gap: 10px; }
.msg { display: flex; flex-direction: column; align-items: flex-start; max-width: 100%; }
.msg.me { align-items: flex-end; }
.bubble {
  max-width: 82%; padding: 9px 14px; border-radius: 18px 18px 18px 5px; background: var(--surface);
  white-space: pre-wrap; overflow-wrap: anywhere;
}
.me .bubble { background: var(--brand); color: var(--on-brand); border-radius: 18px 18px 5px 18px; }
.me.pending .bubble { opacity: .65; }
.bubble a { color: inherit; text-decoration: underline; text-underline-offset: 2px; }
.bubble img { display: block; max-width: 100%; border-radius: 12px; margin-bottom: 6px; }
.replies { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; max-width: 92%; }
.reply {
  padding: 7px 14px; border: 1.5px solid var(--accent); border-radius: 999px; background: var(--bg); color: var(--accent);
  font-weight: 550; font-size: 14px; line-height: 1.3; text-align: left;
  transition: background .15s ease, color .15s ease;
}
.reply:not(:disabled):hover { background: var(--accent); color: var(--bg); }
.reply:disabled { opacity: .45; border-color: var(--border); color: var(--muted); }
.reply.chosen:disabled { opacity: .8; border-color: var(--accent); color: var(--accent); }
.list { display: flex; flex-direction: column; gap: 0; margin-top: 8px; width: 82%; border: 1px solid var(--border); border-radius: 14px; overflow: hidden; }
.list-label { margin: 0; padding: 8px 14px; font-size: 12px; font-weight: 650; letter-spacing: .04em; text-transform: uppercase; color: var(--muted); background: var(--surface); }
.row { display: block; width: 100%; padding: 10px 14px; border: 0; border-top: 1px solid var(--border); background: var(--bg); text-align: left; }
.row:not(:disabled):hover { background: var(--surface); }
.row:disabled { color: var(--muted); }
.row.chosen { box-shadow: inset 3px 0 0 var(--accent); }
.row-title { display: block; font-weight: 550; }
.row-desc { display: block; font-size: 13px; color: var(--muted); }
.note { align-self: center; max-width: 90%; margin: 4px 0; padding: 5px 12px; border-radius: 10px; background: var(--surface); color: var(--muted); font-size: 13px; text-align: center; }

.typing { display: inline-flex; gap: 4px; margin-top: 10px; padding: 13px 14px; border-radius: 18px 18px 18px 5px; background: var(--surface); }
.typing[hidden] { display: none; }
.typing i { width: 7px; height: 7px; border-radius: 50%; background: var(--muted); animation: blink 1.2s infinite ease-in-out; }
.typing i:nth-child(2) { animation-delay: .15s; }
.typing i:nth-child(3) { animation-delay: .3s; }
@keyframes blink { 0%, 60%, 100% { opacity: .35; transform: none; } 30% { opacity: 1; transform: translateY(-3px); } }

.composer { display: flex; align-items: center; gap: 8px; padding: 12px 12px 10px 14px; border-top: 1px solid var(--border); }
.input {
  flex: 1; min-width: 0; height: 44px; padding: 0 16px; border: 1.5px solid var(--border); border-radius: 22px;
  background: var(--bg); color: var(--text);
}
.input::placeholder { color: var(--muted); opacity: 1; }
.input:focus-visible { outline: none; border-color: var(--accent); box-shadow: 0 0 0 3px color-mix(in srgb, var(--accent) 25%, transparent); }
.send { flex: none; width: 44px; height: 44px; padding: 11px; border: 0; border-radius: 50%; background: var(--brand); color: var(--on-brand); }
.send:disabled { opacity: .45; }
.footer { margin: 0; padding: 0 0 10px; text-align: center; font-size: 11.5px; color: var(--muted); }

@media (max-width: 480px) {
  .panel { inset: 0; width: auto; height: auto; border-radius: 0; }
  .panel:not([hidden]) ~ .launcher { display: none; }
}
@media (prefers-reduced-motion: reduce) {
  .panel, .typing i { animation: none; }
  .launcher, .reply { transition: none; }
  .launcher:hover { transform: none; }
}
@media (forced-colors: active) {
  .bubble, .reply, .launcher, .send, .typing { border: 1px solid CanvasText; }
}`

  const host = document.createElement('div')
  host.id = 'switchboard-webchat'
  const shadow = host.attachShadow({ mode: 'open' })
  const root = el('div', { class: 'root' })
  shadow.append(styleSheet(), root)

  const panel = el('section', { class: 'panel', id: 'panel', role: 'dialog', 'aria-labelledby': 'title', hidden: '' })
  const status = el('p', { class: 'status', id: 'status', 'data-state': 'connecting' }, 'Connecting…')
  const closeButton = el('button', { class: 'close', type: 'button', 'aria-label': 'Close chat' }, icons.close, true)
  panel.append(
    el('header', { class: 'header' }, [
      el('div', { class: 'avatar' }, icons.bot, true),
      el('div', { class: 'heading' }, [el('h2', { class: 'title', id: 'title' }, title), status]),
      closeButton,
    ]),
  )
  const scroller = el('div', { class: 'scroll' })
  const log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' })
  const typing = el('div', { class: 'typing', role: 'status', hidden: '' }, [el('i'), el('i'), el('i'), el('span', { class: 'sr' }, title + ' is typing')])
  if (greeting) scroller.append(el('p', { class: 'intro' }, greeting))
  scroller.append(log, typing)
  const input = el('input', { class: 'input', id: 'input', type: 'text', autocomplete: 'off', maxlength: '2000', placeholder: 'Type your message…', enterkeyhint: 'send' })
  const sendButton = el('button', { class: 'send', type: 'submit', 'aria-label': 'Send message' }, icons.send, true)
  const composer = el('form', { class: 'composer' }, [el('label', { class: 'sr', for: 'input' }, 'Message to ' + title), input, sendButton])
  panel.append(scroller, composer, el('p', { class: 'footer' }, 'Powered by Switchboard'))

  const badge = el('span', { class: 'badge', 'aria-hidden': 'true', hidden: '' })
  const launcher = el('button', { class: 'launcher', type: 'button', 'aria-controls': 'panel', 'aria-expanded': 'false' }, [
    el('span', { class: 'when-closed' }, icons.chat, true),
    el('span', { class: 'when-open' }, icons.close, true),
    badge,
  ])
  root.append(panel, launcher)

  let socket = null
  let ready = false
  let fatal = false
  let attempts = 0
  let retryTimer = 0
  let unread = 0
  let session = storage.get('localStorage', storageKey)
  const outbox = []

  function el(tag, attrs = {}, children = [], html = false) {
    const node = document.createElement(tag)
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
    if (html) node.innerHTML = children
    else if (typeof children === 'string') node.textContent = children
    else node.append(...children)
    return node
  }
  function styleSheet() {
    if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet()
      sheet.replaceSync(css)
      shadow.adoptedStyleSheets = [sheet]
      return ''
    }
    return el('style', {}, css)
  }

  function setStatus(state, text) {
    status.dataset.state = state
    status.textContent = text
  }
  function updateLauncher() {
    const open = !panel.hidden
    launcher.setAttribute('aria-expanded', String(open))
    launcher.setAttribute('aria-label', open ? 'Close chat' : 'Open chat: ' + title + (unread ? ` (${unread} unread)` : ''))
    badge.hidden = open || unread === 0
    badge.textContent = String(unread)
  }
  function open() {
    panel.hidden = false
    unread = 0
    updateLauncher()
    storage.set('sessionStorage', storageKey + ':open', '1')
    if (!socket) connect()
    scrollToEnd(true)
    input.focus({ preventScroll: true })
  }
  function close() {
    panel.hidden = true
    updateLauncher()
    storage.set('sessionStorage', storageKey + ':open', null)
    launcher.focus({ preventScroll: true })
  }

  /** Follow new messages unless the customer scrolled up to read. */
  let stuck = true
  scroller.addEventListener('scroll', () => {
    stuck = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 60
  }, { passive: true })
  function scrollToEnd(force) {
    if (force || stuck) scroller.scrollTop = scroller.scrollHeight
  }

  function linkify(text, into) {
    const pattern = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'}]/g
    let last = 0
    for (const match of text.matchAll(pattern)) {
      into.append(text.slice(last, match.index))
      into.append(el('a', { href: match[0], target: '_blank', rel: 'noopener noreferrer' }, match[0]))
      last = match.index + match[0].length
    }
    into.append(text.slice(last))
  }

  function renderBot(frame, from) {
    const row = el('div', { class: 'msg bot' }, [el('span', { class: 'sr' }, (from === 'agent' ? 'Agent' : title) + ': ')])
    const bubble = el('div', { class: 'bubble' })
    const media = frame.media
    if (media && /^https?:/.test(media.url)) {
      if (media.kind === 'image') bubble.append(el('img', { src: media.url, alt: '', loading: 'lazy' }))
      else bubble.append(el('a', { href: media.url, target: '_blank', rel: 'noopener noreferrer' }, 'Open ' + media.kind), frame.text ? '\n' : '')
    }
    linkify(frame.text || '', bubble)
    if (bubble.childNodes.length) row.append(bubble)
    if (frame.quickReplies && frame.quickReplies.length) {
      const group = el('div', { class: 'replies', role: 'group', 'aria-label': 'Quick replies' })
      for (const reply of frame.quickReplies) group.append(choiceButton('reply', reply.id, reply.label, [reply.label]))
      row.append(group)
    }
    if (frame.list && frame.list.rows.length) {
      const group = el('div', { class: 'list', role: 'group', 'aria-label': frame.list.button }, [el('p', { class: 'list-label', 'aria-hidden': 'true' }, frame.list.button)])
      for (const r of frame.list.rows) {
        const parts = [el('span', { class: 'row-title' }, r.title)]
        if (r.description) parts.push(el('span', { class: 'row-desc' }, r.description))
        group.append(choiceButton('row', r.id, r.title, parts))
      }
      row.append(group)
    }
    log.append(row)
  }
  function choiceButton(kind, id, label, children) {
    const button = el('button', { class: kind, type: 'button', 'data-choice': id, 'data-label': label }, children)
    button.addEventListener('click', () => {
      send(label, id)
      input.focus({ preventScroll: true })
    })
    return button
  }
  function renderCustomer(text, pending) {
    settleChoices(text)
    const row = el('div', { class: 'msg me' + (pending ? ' pending' : '') }, [el('span', { class: 'sr' }, 'You: '), el('div', { class: 'bubble' }, text)])
    log.append(row)
    return row
  }
  /** Choices answered (by a tap or by typing) stay in the history, disabled; the one picked is marked. */
  function settleChoices(answer) {
    for (const button of log.querySelectorAll('button[data-choice]:not(:disabled)')) {
      button.disabled = true
      if (button.dataset.label === answer) button.classList.add('chosen')
    }
  }
  function renderNote(text) {
    log.append(el('p', { class: 'note' }, text))
  }

  function send(text, choice) {
    text = text.trim()
    if (!text || fatal) return
    const echo = 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 8)
    const row = renderCustomer(text, !ready)
    outbox.push({ frame: { type: 'message', text, ...(choice && { choice }), echo }, row })
    flush()
    scrollToEnd(true)
    if (!socket) connect()
  }
  function flush() {
    while (ready && outbox.length && socket.readyState === WebSocket.OPEN) {
      const { frame, row } = outbox.shift()
      socket.send(JSON.stringify(frame))
      row.classList.remove('pending')
    }
  }

  function receive(frame) {
    switch (frame.type) {
      case 'session':
        session = frame.id
        storage.set('localStorage', storageKey, session)
        ready = true
        attempts = 0
        setStatus('online', 'Online')
        return
      case 'history': {
        const pending = outbox.map((o) => o.row)
        log.replaceChildren()
        for (const m of frame.messages) m.from === 'customer' ? renderCustomer(m.text) : renderBot(m, m.from)
        log.append(...pending)
        flush()
        return scrollToEnd(true)
      }
      case 'message':
        renderBot(frame, frame.from === 'agent' ? 'agent' : 'bot')
        if (panel.hidden) {
          unread++
          updateLauncher()
        }
        return scrollToEnd(false)
      case 'customer':
        renderCustomer(frame.text)
        return scrollToEnd(true)
      case 'typing':
        typing.hidden = !frame.on
        return scrollToEnd(false)
      case 'ended':
        typing.hidden = true
        return renderNote('This conversation has ended. Write again any time.')
      case 'handed-off':
        return renderNote('Connecting you with a person…')
      case 'error':
        if (frame.code === 'unknown-site' || frame.code === 'site-key-required') {
          fatal = true
          setStatus('offline', 'Chat unavailable')
          input.disabled = sendButton.disabled = true
          return
        }
        if (frame.code === 'rate-limited' || frame.code === 'internal') renderNote(frame.message)
        return
    }
  }

  function connect() {
    if (fatal || (socket && socket.readyState <= WebSocket.OPEN)) return
    clearTimeout(retryTimer)
    setStatus('connecting', attempts ? 'Reconnecting…' : 'Connecting…')
    const ws = new WebSocket(socketUrl)
    socket = ws
    ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'hello', siteKey, ...(session && { session }) })))
    ws.addEventListener('message', (event) => {
      let frame
      try { frame = JSON.parse(event.data) } catch { return }
      if (socket === ws && frame && typeof frame.type === 'string') receive(frame)
    })
    ws.addEventListener('close', () => {
      if (socket !== ws) return
      ready = false
      typing.hidden = true
      if (fatal) return
      setStatus('connecting', 'Reconnecting…')
      const delay = Math.min(30000, 1000 * 2 ** attempts++) * (0.6 + Math.random() * 0.4)
      retryTimer = setTimeout(connect, delay)
    })
  }
  function reconnectNow() {
    if (!socket || socket.readyState <= WebSocket.OPEN || fatal) return
    attempts = 0
    connect()
  }

  launcher.addEventListener('click', () => (panel.hidden ? open() : close()))
  closeButton.addEventListener('click', close)
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      close()
    }
  })
  composer.addEventListener('submit', (event) => {
    event.preventDefault()
    send(input.value)
    input.value = ''
  })
  window.addEventListener('online', reconnectNow)
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && reconnectNow())

  function mount() {
    document.body.append(host)
    updateLauncher()
    if (session) connect()
    if (storage.get('sessionStorage', storageKey + ':open')) open()
  }
  if (document.body) mount()
  else document.addEventListener('DOMContentLoaded', mount, { once: true })

  window.SwitchboardWebchat = { open, close, toggle: () => (panel.hidden ? open() : close()) }
})()
