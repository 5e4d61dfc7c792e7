// One run of the admin CLI: finds the command in argv, reads its options and configuration, runs it
// and writes its result or error. Everything it reads or writes comes through `io`, so tests run
// commands in their own process (test/support/cli.ts); main.ts gives it the process's own.
import { parseArgs } from 'node:util'
import type { ParseArgsConfig } from 'node:util'
import { loadConfig } from '../config.js'
import { commands } from './commands.js'
import type { Command } from './command.js'
import { toCliError } from './errors.js'
import type { CliIo } from './io.js'
import { resolveSecretOptions } from './secret-options.js'
import { formatHuman } from './output.js'

function usage (): string {
  const lines = ['usage: npm run cli -- <command> [options] [--json]', '', 'commands:']
  for (const [name, command] of Object.entries(commands)) {
    lines.push(`  ${name.padEnd(20)} ${command.help}`)
    for (const [option, spec] of Object.entries(command.options)) lines.push(`      --${option.padEnd(24)} ${spec.help}`)
  }
  return lines.join('\n')
}

/** The command argv names, if any, and the arguments after its name. */
export function findCommand (argv: string[]): { name: string | undefined, command: Command | undefined, rest: string[] } {
  // `sync key request` is `sync:key:request`: the longest run of leading words naming a command.
  const words = argv.findIndex(arg => arg.startsWith('-'))
  const leading = argv.slice(0, words === -1 ? argv.length : words)
  const length = [3, 2, 1].find(n => n <= leading.length && commands[leading.slice(0, n).join(':')] !== undefined) ?? 1
  const name = leading.length > 0 ? leading.slice(0, length).join(':') : argv[0]
  const rest = argv.slice(leading.length > 0 ? length : 1)
  return { name, command: name ? commands[name] : undefined, rest }
}

/** Runs the command line argv; resolves to the exit code. */
export async function runCommandLine (argv: string[], io: CliIo): Promise<number> {
  const { name, command, rest } = findCommand(argv)
  if (!command) {
    io.stdout.write(usage() + '\n')
    return name && name !== 'help' && name !== '--help' ? 2 : 0
  }
  const options: ParseArgsConfig['options'] = { json: { type: 'boolean' } }
  for (const [option, spec] of Object.entries(command.options)) options[option] = { type: spec.type }
  const json = rest.includes('--json')
  try {
    const parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true })
    const values = parsed.values as Record<string, string | boolean | undefined>
    const config = loadConfig(io.env, { masterKey: command.needsMasterKey === false ? 'optional' : 'required' })
    await resolveSecretOptions(command.options, values, io.env, io.stdin, config.mode)
    const result = await command.run(config, values, parsed.positionals, io)
    io.stdout.write((json ? JSON.stringify(result, null, 2) : formatHuman(result)) + '\n')
    const failure = command.failure?.(result)
    if (failure) {
      io.stderr.write(`${failure}\n`)
      return 1
    }
    return 0
  } catch (err) {
    const { code, message, details } = toCliError(err)
    if (json) io.stdout.write(JSON.stringify({ error: { code, message, ...(details ?? {}) } }, null, 2) + '\n')
    else io.stderr.write(`error (${code}): ${message}\n`)
    return 1
  }
}
