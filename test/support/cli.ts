// Runs the admin CLI as a user does (`npm run cli -- ...`), in a child process.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { packageRoot } from '../../src/paths.js'

// tap would record this child's coverage too, but tsx compiles the sources differently from tap's
// loader, and merging both garbles the statement maps (well-covered files report half coverage).
const NO_CHILD_COVERAGE = { _TAPJS_PROCESSINFO_COVERAGE_: '0' }

export interface CliResult { code: number, stdout: string, stderr: string, json: any }

const cliEntry = path.join(packageRoot, 'src', 'cli', 'main.ts')

export function runCli (args: string[], env: Record<string, string>, stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // One node process with tsx's loader (the tsx binary would start two).
    const child = spawn(process.execPath, ['--import', 'tsx', cliEntry, ...args], {
      cwd: packageRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, ...NO_CHILD_COVERAGE }
    })
    child.stdin.end(stdin)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => { stdout += chunk })
    child.stderr.on('data', chunk => { stderr += chunk })
    child.on('error', reject)
    child.on('exit', code => {
      let json: any = null
      try { json = JSON.parse(stdout) } catch {}
      resolve({ code: code ?? 1, stdout, stderr, json })
    })
  })
}
