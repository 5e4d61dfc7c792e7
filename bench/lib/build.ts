// Runs the gateway and the sandbox as production does: compiled by tsc (bench/tsconfig.build.json)
// and started with plain `node`, from a private temporary folder rather than the shared dist/.
// `--runner=tsx` skips the build and starts the same entry files with `node --import tsx`.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { repoRoot } from './paths.js'

export type Runner = 'build' | 'tsx'

export interface Command {
  command: string
  args: string[]
}

export interface AppBuild {
  runner: Runner
  // Command and arguments that run `src/server` or `bench/sandbox-server`.
  command (entry: string): Command
  describe (entry: string): string
  close (): Promise<void>
}

// What the compiled code reads at run time beside itself, found by walking up to package.json.
const LINKED = ['node_modules', 'schema.graphql', 'prisma', 'ovh-api']

function run (command: string, args: string[]): Promise<{ code: number, output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8') })
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8') })
    child.once('error', reject)
    child.once('exit', code => resolve({ code: code ?? 1, output }))
  })
}

/**
 * The gateway compiled in another folder (dist/ after `npm run build`, a build with a candidate
 * fix...): its src/server.js, started with plain node.
 */
export function compiledGateway (dir: string): Command {
  const server = path.resolve(dir, 'src', 'server.js')
  if (!existsSync(server)) throw new Error(`no compiled gateway at ${server}`)
  return { command: process.execPath, args: [server] }
}

export async function prepareApp (runner: Runner, log: (line: string) => void): Promise<AppBuild> {
  if (runner === 'tsx') {
    return {
      runner,
      command: entry => ({ command: process.execPath, args: ['--import', 'tsx', path.join(repoRoot, `${entry}.ts`)] }),
      describe: entry => `node --import tsx ${entry}.ts`,
      close: async () => {}
    }
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ogw-bench-build-'))
  const started = Date.now()
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc')
  const result = await run(process.execPath, [tsc, '-p', path.join('bench', 'tsconfig.build.json'), '--outDir', dir])
  if (!['src/server.js', 'bench/sandbox-server.js', 'bench/sdk-client.js'].every(file => existsSync(path.join(dir, file)))) {
    await rm(dir, { recursive: true, force: true })
    throw new Error(`tsc produced no build:\n${result.output}`)
  }
  // tsc still emits on type errors; a colleague's work in progress should not stop a benchmark.
  if (result.code !== 0) log(`warning: tsc reported errors, the build is used anyway:\n${result.output.trim()}`)
  // package.json marks the folder as the package root (src/paths.ts) and as ESM.
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'ogw-bench-build', private: true, type: 'module' }))
  for (const name of LINKED) await symlink(path.join(repoRoot, name), path.join(dir, name))
  log(`compiled the gateway with tsc in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return {
    runner,
    command: entry => ({ command: process.execPath, args: [path.join(dir, `${entry}.js`)] }),
    describe: entry => `node <tsc build>/${entry}.js`,
    close: () => rm(dir, { recursive: true, force: true })
  }
}
