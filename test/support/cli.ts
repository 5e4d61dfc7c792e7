// Runs the admin CLI: runCli in this process, as `npm run cli -- ...` would run it but without the
// 1.5-2 s a node + tsx child takes to start, and spawnCli in a child process, as a user does, for
// what only a process shows (its exit code, its exit hooks, a zero-configuration data folder).
import { spawn } from 'node:child_process'
import { Readable } from 'node:stream'
import type { Config } from '../../src/config.js'
import { packageRoot } from '../../src/paths.js'
import { programArgs } from './program.js'

export interface CliResult { code: number, stdout: string, stderr: string, json: any }

function result (code: number, stdout: string, stderr: string): CliResult {
  let json: any = null
  try { json = JSON.parse(stdout) } catch {}
  return { code, stdout, stderr, json }
}

/**
 * The CLI in this process, on `env` alone (not this process's environment) and `stdin`; `tty`
 * makes its stderr pass for a terminal.
 */
export async function runCli (args: string[], env: Record<string, string>, stdin = '', options: { tty?: boolean } = {}): Promise<CliResult> {
  // Loaded here, not at the top: test files that only spawn the CLI do not load all its modules.
  const { findCommand, runCommandLine } = await import('../../src/cli/run.js')
  // Without DATABASE_URL a command starts or attaches to an embedded PostgreSQL: its package installs
  // exit hooks in the process that loads it, and the data folder is relative to the working folder.
  // Those runs belong in a process of their own.
  if (findCommand(args).command && !env.DATABASE_URL && !env.DATABASE_URL_FILE) {
    throw new Error(`runCli: ${args.join(' ')} would run in zero-configuration mode in the test process: give DATABASE_URL, or use spawnCli`)
  }
  let stdout = ''
  let stderr = ''
  const code = await runCommandLine(args, {
    env: { ...env },
    stdin: Readable.from([stdin]),
    stdout: { write: (text: string) => { stdout += text } },
    stderr: { write: (text: string) => { stderr += text }, isTTY: options.tty === true }
  })
  return result(code, stdout, stderr)
}

// tap would record this child's coverage too, but tsx compiles the sources differently from tap's
// loader, and merging both garbles the statement maps (well-covered files report half coverage).
const NO_CHILD_COVERAGE = { _TAPJS_PROCESSINFO_COVERAGE_: '0' }

/** The CLI as `npm run cli` starts it (`tsx src/cli/main.ts`), in a child process. */
export function spawnCli (args: string[], env: Record<string, string>, stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...programArgs('src/cli/main.ts'), ...args], {
      cwd: packageRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, ...NO_CHILD_COVERAGE }
    })
    child.stdin.end(stdin)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => { stdout += chunk })
    child.stderr.on('data', chunk => { stderr += chunk })
    child.on('error', reject)
    // 'close', not 'exit': the child's last output may still be in the pipes when it exits.
    child.on('close', code => resolve(result(code ?? 1, stdout, stderr)))
  })
}

/**
 * The CLI as an operator runs it beside a test's gateway: on its database and master key, answers
 * in JSON. `beside.sandbox` also reaches the sandbox that gateway mounts (through its port).
 */
export function cliBeside (ctx: { config: Config, baseUrl: string }, options: { sandbox?: boolean } = {}): { env: Record<string, string>, cli: (...args: string[]) => Promise<CliResult> } {
  const env: Record<string, string> = {
    DATABASE_URL: ctx.config.databaseUrl!,
    GATEWAY_MASTER_KEY: ctx.config.masterKey!.toString('base64'),
    ...(options.sandbox === true ? { SANDBOX: 'true', OVH_ENDPOINT: 'sandbox', HOST: '0.0.0.0', PORT: new URL(ctx.baseUrl).port } : {}),
    LOG_LEVEL: 'warn'
  }
  return { env, cli: async (...args: string[]) => await runCli([...args, '--json'], env) }
}
