// The process's OpenTelemetry context manager (AsyncLocalStorage), registered while at least one
// traced app is open. The API keeps one global manager per process, and tests build several apps in
// one process: the first traced app registers it, the last one closed takes it away again, so that
// with tracing off nothing at all is registered (the API's no-op manager answers).
import { context } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'

let users = 0

export function acquireContextManager (): void {
  if (users++ === 0) context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
}

export function releaseContextManager (): void {
  if (users === 0) return
  if (--users === 0) context.disable()
}
