// The configuration of a process started from the shell (the gateway, the worker): a bad one is
// one line for the operator and exit code 1, never a stack trace.
import { ConfigError, loadConfig } from './config.js'
import type { Config } from './config.js'

export function loadConfigOrExit (env: NodeJS.ProcessEnv): Config {
  try {
    return loadConfig(env)
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee docs/configuration.md.\n`)
      process.exit(1)
    }
    throw err
  }
}
