// `npm run bench [-- name...]`: runs the benchmarks (all, or those named) and prints their results
// and a summary against PRODUCT.md's targets, in markdown ready for BENCHMARKS.md.
import { clientVsSdk } from './client-vs-sdk.js'
import { prepareApp } from './lib/build.js'
import { CleanupStack, cleanUpOnSignals } from './lib/cleanup.js'
import { parseOptions, USAGE } from './lib/options.js'
import { machineFacts } from './lib/report.js'
import type { Benchmark, BenchReport } from './lib/report.js'
import { markdownTable } from './lib/table.js'
import { memory } from './memory.js'
import { faults } from './faults.js'
import { mirror } from './mirror.js'
import { events } from './events.js'
import { overhead } from './overhead.js'

const BENCHMARKS: Record<string, Benchmark> = {
  overhead,
  'client-vs-sdk': clientVsSdk,
  memory,
  faults,
  mirror,
  events
}

const log = (line: string): void => { process.stderr.write(`[bench] ${line}\n`) }

const options = parseOptions(process.argv.slice(2))
const names = options.names.length > 0 ? options.names : Object.keys(BENCHMARKS)
const unknown = names.filter(name => !(name in BENCHMARKS))
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark: ${unknown.join(', ')} (known: ${Object.keys(BENCHMARKS).join(', ')})\n${USAGE}\n`)
  process.exit(2)
}

cleanUpOnSignals(log)
const started = Date.now()
const app = await prepareApp(options.runner, log)
const removeBuild = new CleanupStack(log)
removeBuild.defer(() => app.close())
const reports: BenchReport[] = []
let failed = false
try {
  for (const name of names) {
    log(`--- ${name}`)
    try {
      reports.push(await BENCHMARKS[name]({ options, app, log }))
    } catch (err) {
      failed = true
      log(`${name} failed: ${(err as Error).stack ?? String(err)}`)
    }
  }
} finally {
  await removeBuild.run()
}

const out: string[] = [
  `Command: \`npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}\``,
  `Machine: ${machineFacts()}`,
  `Date: ${new Date().toISOString()}, total ${Math.round((Date.now() - started) / 1000)} s`
]
for (const report of reports) out.push(`### ${report.title}`, ...report.sections)
if (reports.length > 0) {
  out.push('### Summary against PRODUCT.md targets', markdownTable(
    ['benchmark', 'target', 'measured', 'met'],
    reports.flatMap(report => report.targets.map(check => [report.name, check.target, check.measured, check.met ? 'yes' : 'NO'])),
    ['l', 'l', 'r', 'l']
  ))
}
process.stdout.write('\n' + out.join('\n\n') + '\n')
process.exitCode = failed ? 1 : 0
