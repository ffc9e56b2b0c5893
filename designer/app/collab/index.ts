/** Live collaboration in the page (issue 5): flows shared with the designer's collaboration server, presence, offline, comments. */
import './collab.css'
export { connectFlow, linkOf, pageCollabUrl, pageIsViewer, type CollabLink, type CollabState, type CollabStatus } from './connection.ts'
export { PresenceAvatars, CollabStatusItem } from './avatars.tsx'
export { RemoteCursors } from './remote-cursors.tsx'
export { CommentsPanel } from './comments-panel.tsx'
export { NameDialog } from './name-dialog.tsx'
export { useCollabSync, useOpenThreads } from './use-collab.ts'
