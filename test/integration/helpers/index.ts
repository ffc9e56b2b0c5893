/** Shared integration-test helpers: a runtime on port 0, a recording fake HTTP server, polling, WhatsApp signing. */
export { startTestRuntime, captureLogs, type TestRuntime, type TestRuntimeOptions, type LogLine } from './runtime.ts'
export { startRecorder, type Recorder, type RecordedRequest, type ScriptedResponse, type Responder } from './recorder.ts'
export { waitUntil, settle } from './wait.ts'
export { signWhatsApp, postWhatsApp, messagesEnvelope, statusesEnvelope, textMessage, buttonReply, listReply, status } from './whatsapp.ts'
export { startRedisServer, type RedisServer } from '../../fixtures/redis-server.ts'
