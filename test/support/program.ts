// How a test starts one of the project's programs (src/server.ts, src/cli/main.ts, a test's own
// script) in a child process. When the tests run compiled (scripts/test-build.ts), the child runs
// the same compiled JavaScript: through tsx, each start transpiled the app again, 3-4 s of CPU.
// `viaTsx` starts it the way npm does, for the tests of exactly that (`npm start`).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { packageRoot } from '../../src/paths.js'
import { TEST_BUILD_DIR } from '../../scripts/test-build.js'

const compiledRoot = path.join(packageRoot, TEST_BUILD_DIR)
const testsRunCompiled = fileURLToPath(import.meta.url).startsWith(compiledRoot + path.sep)

/** node's arguments to run `source` (a .ts path from the package root). */
export function programArgs (source: string, options: { viaTsx?: boolean } = {}): string[] {
  if (testsRunCompiled && options.viaTsx !== true) return [path.join(compiledRoot, source.replace(/\.ts$/, '.js'))]
  // One node process with tsx's loader (the tsx binary would start two).
  return ['--import', 'tsx', path.join(packageRoot, source)]
}
