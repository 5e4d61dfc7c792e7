// What a benchmark hands back to bench/run.ts: its tables, and one line per product target.
import os from 'node:os'
import type { AppBuild } from './build.js'
import type { BenchOptions } from './options.js'

export interface TargetCheck {
  target: string
  measured: string
  met: boolean
}

export interface BenchReport {
  name: string
  title: string
  // Markdown: set-up, per-variant medians, per-round detail.
  sections: string[]
  targets: TargetCheck[]
}

export interface BenchContext {
  options: BenchOptions
  app: AppBuild
  log: (line: string) => void
}

export type Benchmark = (ctx: BenchContext) => Promise<BenchReport>

export function machineFacts (): string {
  const cpus = os.cpus()
  return [
    `node ${process.version}`,
    `${os.availableParallelism()} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'})`,
    `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
    `${os.type()} ${os.release()}`
  ].join(', ')
}
