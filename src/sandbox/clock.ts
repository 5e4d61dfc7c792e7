// The sandbox clock: a base time source plus an offset kept in the state, so advancing it persists.
import type { SandboxState } from './state/types.js'

export interface SandboxClock {
  // Epoch milliseconds, sandbox time.
  now (): number
  // Moves sandbox time forward and runs the events that became due; returns the new time.
  advance (ms: number): number
}

export function createClock (getState: () => SandboxState, base: () => number, onAdvance: () => void): SandboxClock {
  return {
    now () {
      return base() + getState().clockOffsetMs
    },
    advance (ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the sandbox clock only moves forward')
      getState().clockOffsetMs += ms
      onAdvance()
      return this.now()
    }
  }
}
