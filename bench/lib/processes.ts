// Child processes of a benchmark (sandbox, gateway, load clients): started, watched, and stopped by
// their own pid only, with their CPU time read from /proc so a result says who was saturated.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { repoRoot } from './paths.js'

export interface Child {
  name: string
  pid: number
  process: ChildProcess
  // The last lines it wrote, for error messages.
  output (): string
  // The first stdout line that parses as JSON (children announce their port that way).
  firstJson<T> (timeoutMs?: number): Promise<T>
  // CPU time (user + system) used so far, in ms; NaN where /proc is missing.
  cpuMs (): number
  // Sends a message over IPC and resolves with the child's next message (children started with `ipc`).
  ask<T> (message: unknown): Promise<T>
  stop (): Promise<void>
}

const KEEP_CHARS = 8_000

let ticksPerSecond: number | undefined
function clockTicks (): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

/** CPU time of a process in ms, from /proc/<pid>/stat (utime + stime). */
export function processCpuMs (pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 1000 / clockTicks()
  } catch {
    return Number.NaN
  }
}

export interface ChildOptions {
  ipc?: boolean
  // Each stdout line goes here instead of being kept (a chatty child would fill the memory).
  onLine?: (line: string) => void
}

export function startChild (name: string, command: string, args: string[], env: Record<string, string | undefined>, options: ChildOptions = {}): Child {
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: options.ipc === true ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe']
  })
  let text = ''
  const lines: string[] = []
  const waiters: Array<() => void> = []
  let exited = false
  const onData = (chunk: Buffer): void => {
    text = (text + chunk.toString('utf8')).slice(-KEEP_CHARS)
  }
  let pending = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    onData(chunk)
    pending += chunk.toString('utf8')
    let index
    while ((index = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, index)
      if (options.onLine) options.onLine(line)
      else lines.push(line)
      pending = pending.slice(index + 1)
    }
    for (const wake of waiters.splice(0)) wake()
  })
  child.stderr?.on('data', onData)
  const exit = new Promise<void>(resolve => child.once('exit', () => {
    exited = true
    for (const wake of waiters.splice(0)) wake()
    resolve()
  }))
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`)
  const pid = child.pid

  return {
    name,
    pid,
    process: child,
    output: () => text,
    async firstJson<T> (timeoutMs = 60_000): Promise<T> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        for (const line of lines) {
          if (!line.trimStart().startsWith('{')) continue
          try {
            return JSON.parse(line) as T
          } catch {}
        }
        if (exited) throw new Error(`${name} exited before it was ready:\n${text}`)
        const left = deadline - Date.now()
        if (left <= 0) throw new Error(`${name} was not ready within ${timeoutMs} ms:\n${text}`)
        await new Promise<void>(resolve => {
          const timer = setTimeout(resolve, Math.min(left, 1_000))
          waiters.push(() => { clearTimeout(timer); resolve() })
        })
      }
    },
    cpuMs: () => processCpuMs(pid),
    ask<T> (message: unknown): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const onExit = (): void => reject(new Error(`${name} exited:\n${text}`))
        child.once('exit', onExit)
        child.once('message', answer => {
          child.off('exit', onExit)
          resolve(answer as T)
        })
        child.send(message as object)
      })
    },
    async stop () {
      if (exited) return
      child.kill('SIGTERM')
      // The gateway drains for up to 10 s (close-with-grace); nothing is in flight by now.
      const killed = setTimeout(() => { if (!exited) child.kill('SIGKILL') }, 15_000)
      await exit
      clearTimeout(killed)
    }
  }
}

/** Polls `url` until it answers `status`. */
export async function waitForHttp (url: string, child: Child, timeoutMs = 60_000, status = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = ''
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`${child.name} exited before it was ready:\n${child.output()}`)
    try {
      const response = await fetch(url)
      await response.arrayBuffer()
      if (response.status === status) return
      last = `HTTP ${response.status}`
    } catch (err) {
      last = (err as Error).message
    }
    await new Promise(resolve => setTimeout(resolve, 200))
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms (${last}):\n${child.output()}`)
}

export interface CpuSource {
  name: string
  // A total that only grows (ms of CPU), read before and after a run.
  cpuMs (): number | Promise<number>
}

/** The benchmark process itself (the load generator runs in it). */
export const selfCpu: CpuSource = {
  name: 'bench',
  cpuMs: () => {
    const usage = process.cpuUsage()
    return (usage.user + usage.system) / 1000
  }
}

/** Runs `work` and reports each source's CPU use during it, in % of one core. */
export async function measureCpu<T> (sources: readonly CpuSource[], work: () => Promise<T>): Promise<{ value: T, cpu: Record<string, number> }> {
  const before = await Promise.all(sources.map(source => source.cpuMs()))
  const started = performance.now()
  const value = await work()
  const wall = performance.now() - started
  const after = await Promise.all(sources.map(source => source.cpuMs()))
  const cpu: Record<string, number> = {}
  sources.forEach((source, index) => { cpu[source.name] = (after[index] - before[index]) / wall * 100 })
  return { value, cpu }
}

/** Every core's busy time (/proc/stat), to tell the load of other processes from ours; NaN without /proc. */
export const machineCpu: CpuSource = {
  name: 'machine',
  cpuMs: () => {
    try {
      const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
      // user nice system idle iowait irq softirq steal (guest time is already inside user and nice).
      const busy = fields.slice(0, 8).reduce((sum, value) => sum + value, 0) - fields[3] - fields[4]
      return busy * 1000 / clockTicks()
    } catch {
      return Number.NaN
    }
  }
}
