// `X_FILE` variants of the secret-bearing variables (Docker and Kubernetes secrets are mounted as
// files): the file's content becomes X, so the secret need not sit in the process's environment.
// Read synchronously, once, before the environment is parsed. The issues name the variable and the
// reason, never the file's content.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

/** The variables that hold a secret (a key, or a URL that may carry a password). */
export const SECRET_VARIABLES = [
  'DATABASE_URL',
  'GATEWAY_MASTER_KEY',
  'GATEWAY_PREVIOUS_MASTER_KEY',
  'OVH_APPLICATION_SECRET',
  'REDIS_URL'
] as const

// A secret is a line; a bigger file is a wrong path (a log, a dump), not something to load whole.
export const MAX_SECRET_FILE_BYTES = 64 * 1024

export interface ResolvedSecrets {
  env: Record<string, string>
  issues: string[]
  // The variables whose file failed: given all the same, for the checks of which are set together.
  unread: string[]
}

/**
 * Returns the environment with each X_FILE read into X (one trailing newline removed, as `echo`
 * and editors leave one), and an issue for X and X_FILE both set or a file that cannot be read.
 * `env` holds non-empty values only (empty ones count as unset).
 */
export function resolveSecretFiles (env: Record<string, string>): ResolvedSecrets {
  const resolved = { ...env }
  const issues: string[] = []
  const unread: string[] = []
  for (const variable of SECRET_VARIABLES) {
    const fileVariable = `${variable}_FILE`
    const file = env[fileVariable]
    if (file === undefined) continue
    delete resolved[fileVariable]
    if (env[variable] !== undefined) {
      issues.push(`${fileVariable}: give ${variable} or ${fileVariable}, not both`)
      continue
    }
    const read = readSecretFile(file)
    if ('problem' in read) {
      issues.push(`${fileVariable}: ${read.problem}`)
      unread.push(variable)
    } else resolved[variable] = read.value
  }
  return { env: resolved, issues, unread }
}

function readSecretFile (file: string): { value: string } | { problem: string } {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch (err) {
    return { problem: `cannot read ${JSON.stringify(file)} (${(err as NodeJS.ErrnoException).code ?? 'error'})` }
  }
  try {
    const stat = fstatSync(fd)
    if (!stat.isFile()) return { problem: `${JSON.stringify(file)} is not a file` }
    if (stat.size > MAX_SECRET_FILE_BYTES) return { problem: `${JSON.stringify(file)} is larger than ${MAX_SECRET_FILE_BYTES} bytes` }
    const buffer = Buffer.alloc(stat.size)
    const length = readSync(fd, buffer, 0, stat.size, 0)
    const value = buffer.subarray(0, length).toString('utf8').replace(/\r?\n$/, '')
    if (value === '') return { problem: `${JSON.stringify(file)} is empty` }
    return { value }
  } catch (err) {
    return { problem: `cannot read ${JSON.stringify(file)} (${(err as NodeJS.ErrnoException).code ?? 'error'})` }
  } finally {
    closeSync(fd)
  }
}
