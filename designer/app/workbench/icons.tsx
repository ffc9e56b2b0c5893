/** The few line icons the workbench draws (in the spirit of VS Code's codicons), as inline SVG. */
import type { ReactElement } from 'react'

const paths: Record<string, ReactElement> = {
  files: <path d="M14 3H9l-1-1H4L3 3v4H2v14l1 1h12l1-1v-3h4l1-1V7l-1-1h-4l-2-3zm0 1.4L15.6 6H14V4.4zM15 20H3V8h4l1 1h7v11zm5-4h-4V9l-1-1H9L8 7H4V3h3.6l1 1H13v3h7v9z" />,
  warning: <path d="M12 3 1.5 21h21L12 3zm0 3.5L19.5 19h-15L12 6.5zM11 10h2v5h-2v-5zm0 6h2v2h-2v-2z" />,
  error: <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 1.6a8.4 8.4 0 1 1 0 16.8 8.4 8.4 0 0 1 0-16.8zm-3.5 3.8L7.4 8.5 10.9 12l-3.5 3.5 1.1 1.1 3.5-3.5 3.5 3.5 1.1-1.1-3.5-3.5 3.5-3.5-1.1-1.1-3.5 3.5-3.5-3.5z" />,
  play: <path d="M7 4v16l13-8L7 4zm1.6 2.9L17 12l-8.4 5.1V6.9z" />,
  rocket: <path d="M13.5 2.5c3.4.3 6.3 1.9 8 4.6l-.1 1.2-5.2 5.2.2 4.3-.3.7-3.5 3.5-1.3-.3-1.3-3.1-1.2.2-2.8-2.8.2-1.2-3.1-1.3-.3-1.3 3.5-3.5.7-.3 4.3.2 5.2-5.2zM15.3 7a1.7 1.7 0 1 0 0 3.4 1.7 1.7 0 0 0 0-3.4zM5 16.8l2.2 2.2L4 21.5l-1-1 2-3.7z" />,
  close: <path d="m12 10.9 5-5 1.1 1.1-5 5 5 5-1.1 1.1-5-5-5 5L5.9 17l5-5-5-5L7 5.9l5 5z" />,
  add: <path d="M13 11h7v2h-7v7h-2v-7H4v-2h7V4h2v7z" />,
  refresh: <path d="M12 4a8 8 0 0 1 7.4 5H17v2h6V5h-2v2.6A10 10 0 1 0 22 12h-2a8 8 0 1 1-8-8z" />,
  edit: <path d="m15.2 3.3 5.5 5.5L9 20.5H3.5V15L15.2 3.3zm0 2.8L5.5 15.8v2.7h2.7l9.7-9.7-2.7-2.7z" />,
  copy: <path d="M8 2h11l1 1v13l-1 1h-3v3l-1 1H4l-1-1V7l1-1h3V3l1-1zm1 4h6l1 1v8h2V4H9v2zM5 8v11h9V8H5z" />,
  trash: <path d="M9 2h6l1 2h5v2h-1.1l-1 15-1 1H6.1l-1-1-1-15H3V4h5l1-2zm-2.9 4 .9 14h10l.9-14H6.1zM9 8h2v10H9V8zm4 0h2v10h-2V8z" />,
  json: <path d="M7 3H5.5A2.5 2.5 0 0 0 3 5.5V10l-1.5 2L3 14v4.5A2.5 2.5 0 0 0 5.5 21H7v-2H5.5a.5.5 0 0 1-.5-.5v-5.2L3.9 12 5 10.7V5.5a.5.5 0 0 1 .5-.5H7V3zm10 0h1.5A2.5 2.5 0 0 1 21 5.5V10l1.5 2-1.5 2v4.5a2.5 2.5 0 0 1-2.5 2.5H17v-2h1.5a.5.5 0 0 0 .5-.5v-5.2l1.1-1.3L19 10.7V5.5a.5.5 0 0 0-.5-.5H17V3z" />,
  inspector: <path d="M3 3h18l1 1v16l-1 1H3l-1-1V4l1-1zm1 2v14h10V5H4zm12 0v14h4V5h-4z" />,
  flow: <path d="M3 3h7v6H7.9v3H16V9h-2V3h7v6h-3v5H7.9v1H10v6H3v-6h2.9V9H3V3zm2 2v2h3V5H5zm11 0v2h3V5h-3zM5 17v2h3v-2H5z" />,
  info: <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 1.6a8.4 8.4 0 1 1 0 16.8 8.4 8.4 0 0 1 0-16.8zM11 10h2v7h-2v-7zm0-3h2v2h-2V7z" />,
  comment: <path d="M3 4l1-1h16l1 1v12l-1 1h-8.6L7 21v-4H4l-1-1V4zm2 1v10h4v2.6L11.4 15H19V5H5zm2 3h10v2H7V8zm0 3h7v2H7v-2z" />,
  plug: <path d="M9 2h2v5h2V2h2v5h2l1 1v4a6 6 0 0 1-5 5.9V22h-2v-4.1A6 6 0 0 1 6 12V8l1-1h2V2zM8 9v3a4 4 0 0 0 8 0V9H8z" />,
}

export type IconName = keyof typeof paths

export function Icon({ name, size = 16, label }: { name: IconName; size?: number; label?: string }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" fill="currentColor" role={label ? 'img' : undefined} aria-label={label} aria-hidden={label ? undefined : true}>
      {paths[name]}
    </svg>
  )
}
