/**
 * Child process for sqlite.test.ts's kill -9 case: accepts and commits messages in a loop, printing
 * "committed N" only after commit N returned, until the parent kills it with SIGKILL mid-write.
 */
import { createSqliteStore } from '../sqlite.ts'
import { conversationKey } from '../../store.ts'
import { commitOf, inboundOf, outboundOf, refOf, sessionOf } from './records.ts'

const store = createSqliteStore(process.argv[2])
for (let i = 0; ; i++) {
  const contact = `c${i % 5}`
  const key = conversationKey(refOf(contact))
  await store.acceptInbound(inboundOf(`m${i}`, contact, i))
  await store.commit(
    commitOf(contact, {
      inboundId: `m${i}`,
      session: sessionOf(contact, { seq: i }),
      outbound: [outboundOf(`o${i}`, contact)],
      transcript: [{ key, at: i, from: 'bot', text: `reply ${i}` }],
      timersStarted: [{ key, ref: refOf(contact), timer: `t${i}`, at: i }],
    }),
  )
  process.stdout.write(`committed ${i}\n`)
}
