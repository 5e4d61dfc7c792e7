// Links a caller's AbortSignal to an internal controller, and unlinks it when done.
// AbortSignal.any keeps every combined signal attached to a long-lived source until GC runs,
// and AbortSignal.timeout keeps its timer until it fires; per-call work needs neither.

export interface Deadline {
  signal: AbortSignal
  // True once the timer, not the caller, ended the work.
  readonly timedOut: boolean
  // Clears the timer and the listener on the caller's signal; call it in a finally block.
  done (): void
}

export function followSignal (controller: AbortController, source: AbortSignal | undefined): () => void {
  if (source === undefined) return () => {}
  if (source.aborted) {
    controller.abort(source.reason)
    return () => {}
  }
  const onAbort = (): void => controller.abort(source.reason)
  source.addEventListener('abort', onAbort, { once: true })
  return () => source.removeEventListener('abort', onAbort)
}

export function createDeadline (timeoutMs: number, source: AbortSignal | undefined): Deadline {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new DOMException('The operation timed out', 'TimeoutError'))
  }, timeoutMs)
  // Like AbortSignal.timeout: a pending deadline alone does not keep the process alive.
  timer.unref()
  const unfollow = followSignal(controller, source)
  return {
    signal: controller.signal,
    get timedOut () {
      return timedOut
    },
    done () {
      clearTimeout(timer)
      unfollow()
    }
  }
}
