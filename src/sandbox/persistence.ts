// Optional JSON snapshot of the state: loaded at start if present, saved (debounced) after changes and on close.
// Generated portfolios are written compacted and rebuilt on load (seed/portfolio-snapshot.ts).
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { compactState, expandState } from './seed/portfolio-snapshot.js'
import { STATE_VERSION } from './state/types.js'
import type { SandboxState } from './state/types.js'

export interface Persistence {
  load (): SandboxState | null
  // Marks the state as changed; a save follows after a short delay.
  touch (): void
  // Writes now if anything changed, and waits for any write in progress.
  flush (): Promise<void>
}

const SAVE_DELAY_MS = 200
// A save may take at most this share of the time: a big state (100,000 generated domains take
// 0.5 to 2 s to compact) is saved less often instead of keeping a core busy while calls arrive.
const MAX_SAVE_SHARE = 0.1

export function createPersistence (path: string | undefined, getState: () => SandboxState, onError: (error: unknown) => void): Persistence {
  let timer: NodeJS.Timeout | undefined
  let dirty = false
  let writing: Promise<void> = Promise.resolve()
  let lastSaveMs = 0

  async function save (): Promise<void> {
    if (path === undefined || !dirty) return
    dirty = false
    const started = performance.now()
    // Write then rename, so a crash mid-write never leaves a half snapshot behind.
    const text = JSON.stringify(await compactState(getState()), null, 2)
    lastSaveMs = performance.now() - started
    const temporary = `${path}.${process.pid}.tmp`
    await mkdir(dirname(path), { recursive: true })
    await writeFile(temporary, text, 'utf8')
    await rename(temporary, path)
  }

  function queue (): Promise<void> {
    writing = writing.then(save).catch(onError)
    return writing
  }

  return {
    load () {
      if (path === undefined || !existsSync(path)) return null
      const state = JSON.parse(readFileSync(path, 'utf8')) as SandboxState
      if (state.version !== STATE_VERSION) throw new Error(`sandbox snapshot ${path} has version ${String(state.version)}, expected ${STATE_VERSION}`)
      return expandState(state)
    },
    touch () {
      if (path === undefined) return
      dirty = true
      if (timer !== undefined) return
      timer = setTimeout(() => {
        timer = undefined
        queue().catch(onError)
      }, Math.max(SAVE_DELAY_MS, lastSaveMs / MAX_SAVE_SHARE))
      // A pending save must not keep a finished process alive; close() flushes it anyway.
      timer.unref()
    },
    async flush () {
      if (timer !== undefined) {
        clearTimeout(timer)
        timer = undefined
      }
      await queue()
    }
  }
}
