// Secrets given to the CLI stay out of `ps` and shell history: an option holding one also takes `-`
// (read the value from stdin, e.g. piped from a password manager) or, when absent, an environment
// variable.
import type { Mode } from '../config.js'
import { badUserInput } from '../errors.js'

export interface SecretOptionSpec {
  // Read when the option is absent; undefined when another default applies (the configuration's).
  env?: string
  // The only mode where `env` is read: elsewhere the variable means nothing to the command, and
  // must not pass for an option the operator never gave.
  envMode?: Mode
}

async function readStdin (stream: NodeJS.ReadableStream): Promise<string> {
  let text = ''
  for await (const chunk of stream) text += String(chunk)
  return text
}

/** Replaces `-` by stdin's first line and fills absent secret options from their variables. */
export async function resolveSecretOptions (
  specs: Record<string, { secret?: SecretOptionSpec }>,
  values: Record<string, string | boolean | undefined>,
  env: Record<string, string | undefined>,
  stdin: NodeJS.ReadableStream,
  mode: Mode
): Promise<void> {
  let stdinUsed = false
  for (const [name, spec] of Object.entries(specs)) {
    if (!spec.secret) continue
    const value = values[name]
    if (value === '-') {
      if (stdinUsed) throw badUserInput('only one option can be read from stdin', [{ field: name, message: 'stdin is already read for another option' }])
      stdinUsed = true
      const line = (await readStdin(stdin)).split(/\r?\n/)[0].trim()
      if (!line) throw badUserInput(`--${name} -: nothing was read from stdin`, [{ field: name, message: 'stdin is empty' }])
      values[name] = line
    } else if (value === undefined && spec.secret.env && env[spec.secret.env] && (spec.secret.envMode ?? mode) === mode) {
      values[name] = env[spec.secret.env]
    }
  }
}
