// Resident memory of a child process, from /proc (NaN where /proc is missing).
import { readFileSync } from 'node:fs'

function statusMegabytes (pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}

export function rssMegabytes (pid: number): number {
  return statusMegabytes(pid, 'VmRSS')
}

/** The peak resident memory of a child process so far (VmHWM), in MB; NaN where /proc is missing. */
export function peakRssMegabytes (pid: number): number {
  return statusMegabytes(pid, 'VmHWM')
}
