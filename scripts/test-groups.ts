// Test files run in groups, several to a process, when a run has many of them. tap starts one
// process per file, and each one pays again for what does not depend on the file: starting Node,
// importing the app (Fastify, Mercurius, Prisma's client, OpenTelemetry), compiling it on its first
// requests, and writing its coverage. Ten app files run alone took 120 s of CPU, and the same ten
// in one process 66 s (docs/development.md, "Test time").
//
// A group is a file of .test-build/test/groups/ that runs its test files one after the other
// (test/support/test-group.ts). A file runs alone, in a group of its own, when it sets what belongs
// to a whole process: the root test's timeout, hooks or plan (files that spawn gateways and wait
// for them), or when it is a browser test. `TEST_GROUPS=off` runs every file as tap does.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { TEST_BUILD_DIR, compiledTestFile } from './test-build.js'

export const GROUP_DIR = path.join(TEST_BUILD_DIR, 'test', 'groups')
// Files per group: enough to share the start-up, few enough that the two jobs stay balanced at
// the end of a run and that a failing group is quick to narrow down.
const GROUP_SIZE = 6

const WHOLE_PROCESS = /^t\.(setTimeout|before|beforeEach|after|afterEach|plan|jobs)\b/m

/** Whether a test file must have a process of its own. */
export function runsAlone (source: string, text: string): boolean {
  return source.split(path.sep).includes('browser') || WHOLE_PROCESS.test(text)
}

export interface TestGroup {
  // Sorts as the group should start: tap sorts the files it is given by name.
  name: string
  sources: string[]
  // A file that runs alone (a group of one, so that it starts in tap's order too).
  alone: boolean
}

// What makes a test file long, as far as its text tells: the gateways, databases and processes it
// starts (a count that followed the files' times at r = 0.51 over the suite, their length 0.15).
const STARTS = /\bbuild\(|\bspawn|\bcreateTestDatabase\(/g

function cost (text: string): number {
  return 1 + (text.match(STARTS)?.length ?? 0)
}

function label (source: string): string {
  return path.relative('test', source).replace(/\.test\.ts$/, '').replace(/[\\/]/g, '-')
}

/**
 * The groups of a run, in the order they should start: first the files that run alone (few, and
 * long: they start gateways in processes of their own), then GROUP_SIZE files to a group in path
 * order (so a group's files mostly share a folder), the costliest groups first. A long group
 * started last would leave one of the two jobs idle at the end of the run.
 */
export function groupTestFiles (sources: readonly string[], read: (source: string) => string = source => readFileSync(source, 'utf8')): TestGroup[] {
  const alone: string[] = []
  const grouped: Array<{ source: string, cost: number }> = []
  for (const source of [...sources].sort()) {
    const text = read(source)
    if (runsAlone(source, text)) alone.push(source)
    else grouped.push({ source, cost: cost(text) })
  }
  const chunks: Array<{ sources: string[], cost: number }> = []
  for (let i = 0; i < grouped.length; i += GROUP_SIZE) {
    const files = grouped.slice(i, i + GROUP_SIZE)
    chunks.push({ sources: files.map(file => file.source), cost: files.reduce((sum, file) => sum + file.cost, 0) })
  }
  chunks.sort((a, b) => b.cost - a.cost)
  const ordered = [
    ...alone.map(source => ({ sources: [source], alone: true, label: `alone-${label(source)}` })),
    ...chunks.map(chunk => ({ sources: chunk.sources, alone: false, label: `${label(chunk.sources[0])}-and-${chunk.sources.length - 1}` }))
  ]
  return ordered.map((group, index) => ({ name: `${String(index + 1).padStart(2, '0')}-${group.label}`, sources: group.sources, alone: group.alone }))
}

/** Writes one entry per group; returns their paths. */
export function writeGroupEntries (groups: readonly TestGroup[]): string[] {
  rmSync(GROUP_DIR, { recursive: true, force: true })
  mkdirSync(GROUP_DIR, { recursive: true })
  return groups.map(group => {
    const entry = path.join(GROUP_DIR, `${group.name}.group.js`)
    const files = group.sources.map(source => path.relative(GROUP_DIR, compiledTestFile(source)).split(path.sep).join('/'))
    writeFileSync(entry, [
      '// Written by scripts/test-groups.ts for this run: these test files, one after the other.',
      `import { runGroup } from '${path.relative(GROUP_DIR, compiledTestFile('test/support/test-group.ts')).split(path.sep).join('/')}'`,
      `await runGroup(import.meta.url, ${JSON.stringify(files)})`,
      ''
    ].join('\n'))
    return entry
  })
}

/** The largest number of files in one group (tap's per-process timeout scales with it). */
export function largestGroup (groups: readonly TestGroup[]): number {
  return Math.max(1, ...groups.map(group => group.sources.length))
}
