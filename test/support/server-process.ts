// Starts the gateway as `npm start` does (one node process, so signals reach it directly) and
// waits for its start-up banner.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { packageRoot } from '../../src/paths.js'
import { programArgs } from './program.js'

// tap would record this child's coverage too, but tsx compiles the sources differently from tap's
// loader, and merging both garbles the statement maps (well-covered files report half coverage).
const NO_CHILD_COVERAGE = { _TAPJS_PROCESSINFO_COVERAGE_: '0' }

export interface ServerProcess {
  child: ChildProcess
  output (): string
  apiKey: string
  graphqlUrl: string
  exited: Promise<number | null>
}

/** The gateway's process with only the environment given, its output collected. */
export function spawnServer (env: Record<string, string>, options: { viaTsx?: boolean } = {}): Omit<ServerProcess, 'apiKey' | 'graphqlUrl'> {
  const child = spawn(process.execPath, programArgs('src/server.ts', options), {
    cwd: packageRoot,
    // Only what the test gives: no DATABASE_URL leaks in from the test runner.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, ...NO_CHILD_COVERAGE },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout!.on('data', chunk => { output += chunk })
  child.stderr!.on('data', chunk => { output += chunk })
  const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))
  return { child, output: () => output, exited }
}

export async function startServer (env: Record<string, string>, options: { timeoutMs?: number, viaTsx?: boolean } = {}): Promise<ServerProcess> {
  const { timeoutMs = 60_000 } = options
  const { child, output: collected, exited } = spawnServer(env, options)
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const output = collected()
    const key = /API key\s+(ogw_\S+)/.exec(output)
    const url = /GraphQL\s+(http\S+)/.exec(output)
    if (key && url) return { child, output: collected, apiKey: key[1], graphqlUrl: url[1], exited }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`the gateway did not start:\n${output}`)
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}
