// Optional JSON snapshot of the state: loaded at start if present, saved (debounced) after changes and on close.
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
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

export function createPersistence (path: string | undefined, getState: () => SandboxState, onError: (error: unknown) => void): Persistence {
  let timer: NodeJS.Timeout | undefined
  let dirty = false
  let writing: Promise<void> = Promise.resolve()

  async function save (): Promise<void> {
    if (path === undefined || !dirty) return
    dirty = false
    // Write then rename, so a crash mid-write never leaves a half snapshot behind.
    const text = JSON.stringify(getState(), null, 2)
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
      return state
    },
    touch () {
      if (path === undefined) return
      dirty = true
      if (timer !== undefined) return
      timer = setTimeout(() => {
        timer = undefined
        queue().catch(onError)
      }, SAVE_DELAY_MS)
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
