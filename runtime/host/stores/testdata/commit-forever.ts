/**
 * Child process for sqlite.test.ts's kill -9 cases: accepts and commits messages in a loop, printing
 * "committed N" only after commit N returned, until the parent kills it with SIGKILL mid-write.
 * With --concurrent, five conversations run side by side (message N belongs to conversation N % 5),
 * so the store's group commit writes several conversations' accepts and commits per transaction.
 */
import { createSqliteStore } from '../sqlite.ts'
import { conversationKey } from '../../store.ts'
import { commitOf, inboundOf, outboundOf, refOf, sessionOf } from './records.ts'

const store = createSqliteStore(process.argv[2])
const concurrent = process.argv.includes('--concurrent')

async function one(i: number) {
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

if (concurrent) await Promise.all([0, 1, 2, 3, 4].map(async (c) => { for (let i = c; ; i += 5) await one(i) }))
else for (let i = 0; ; i++) await one(i)
