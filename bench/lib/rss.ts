// Resident memory of a child process, from /proc (NaN where /proc is missing).
import { readFileSync } from 'node:fs'

export function rssMegabytes (pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}

/** The peak resident memory of a child process so far (VmHWM), in MB; NaN where /proc is missing. */
export function peakRssMegabytes (pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}
