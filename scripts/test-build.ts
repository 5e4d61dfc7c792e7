// The tests' JavaScript: tsc type-checks the project and writes it, with source maps, into
// .test-build/ (tsconfig.test-build.json; incremental, so a second run only redoes what changed).
// tap then runs the compiled test files with no TypeScript loader (.taprc leaves its TypeScript
// plugin out), and maps coverage and stack traces back to the .ts files through the source maps.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

export const TEST_BUILD_DIR = '.test-build'
const TEST_SOURCES = 'test'

/** Type-checks and compiles; tsc's own output says what is wrong. Returns its exit code. */
export async function compileTests (): Promise<number> {
  const tsc = path.join(process.cwd(), 'node_modules', '.bin', 'tsc')
  const child = spawn(tsc, ['-p', 'tsconfig.test-build.json'], { stdio: 'inherit' })
  return await new Promise<number>(resolve => child.on('exit', code => resolve(code ?? 1)))
}

function testFilesUnder (dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(file => file.endsWith('.test.ts'))
    .map(file => path.join(dir, file))
    .sort()
}

/** The compiled file a test's source becomes. */
export function compiledTestFile (source: string): string {
  const relative = path.relative(process.cwd(), path.resolve(source))
  return path.join(TEST_BUILD_DIR, relative.replace(/\.ts$/, '.js'))
}

/**
 * What a run was asked for: the test files and folders named (every test when none is), as their
 * sources, and anything else, passed to tap as given. Files come from the sources, never from
 * .test-build/, which may still hold the compiled copy of a test since deleted.
 */
export function testSelection (argv: string[]): { options: string[], sources: string[] } {
  const options: string[] = []
  const sources: string[] = []
  for (const arg of argv) {
    if (arg.endsWith('.ts')) sources.push(arg)
    else if (!arg.startsWith('-') && existsSync(arg) && statSync(arg).isDirectory()) sources.push(...testFilesUnder(arg))
    else options.push(arg)
  }
  return { options, sources: sources.length > 0 ? sources : testFilesUnder(TEST_SOURCES) }
}
