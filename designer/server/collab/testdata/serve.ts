/**
 * A designer server in its own process, for the kill -9 test: `node --import tsx serve.ts
 * <workspace> <port> <token> [viewToken]`. Prints "ready <port>" once it listens.
 */
import { startDesigner } from '../../server.ts'

const [workspace, port, token, viewToken] = process.argv.slice(2)
const designer = await startDesigner({ workspace, port: Number(port), host: '127.0.0.1', token, viewToken, collabDir: undefined })
console.log(`ready ${designer.port}`)
process.on('SIGTERM', () => {
  void designer.close().then(() => process.exit(0))
})
