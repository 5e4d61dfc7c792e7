// What a CLI command is, and the helpers every command table shares (core, sync and webhook
// commands), so that their options read and their refusals word the same way.
import type { Config } from '../config.js'
import { tenantBySlug } from '../admin/context.js'
import { badUserInput } from '../errors.js'
import { openAdminContext } from './context.js'
import type { CliIo } from './io.js'
import type { SecretOptionSpec } from './secret-options.js'

export type Options = Record<string, string | boolean | undefined>

export interface Command {
  help: string
  options: Record<string, { type: 'string' | 'boolean', help: string, secret?: SecretOptionSpec }>
  run (config: Config, options: Options, positionals: string[], io: CliIo): Promise<unknown>
  // False for commands that open no secret: they run without GATEWAY_MASTER_KEY.
  needsMasterKey?: boolean
  // A result that reports a problem (e.g. db:status with pending migrations): the message, written
  // to stderr after the result, and the command exits 1.
  failure? (result: unknown): string | null
}

// The admin context with what the CLI adds (its log, the database URL and data folder, close()).
export type CliContext = Awaited<ReturnType<typeof openAdminContext>>

export const tenantOption = { type: 'string' as const, help: 'tenant slug' }

export const str = (options: Options, name: string): string | undefined => typeof options[name] === 'string' ? options[name] as string : undefined

export function required (options: Options, ...names: string[]): void {
  const missing = names.filter(name => str(options, name) === undefined)
  if (missing.length > 0) throw badUserInput(`missing option(s): ${missing.map(n => `--${n}`).join(', ')}`, missing.map(field => ({ field, message: 'is required' })))
}

/** The --tenant slug, refused when absent or empty. */
export function requireTenant (options: Options): string {
  const tenant = str(options, 'tenant')
  if (!tenant) throw badUserInput('missing option(s): --tenant', [{ field: 'tenant', message: 'is required' }])
  return tenant
}

// Closed whatever the work does: no connection or attached database outlives the command.
export async function withAdmin<T> (config: Config, io: CliIo, work: (ctx: CliContext) => Promise<T>): Promise<T> {
  const ctx = await openAdminContext(config, io.stderr)
  try {
    return await work(ctx)
  } finally {
    await ctx.close()
  }
}

/** withAdmin for the --tenant the command names (required before anything is opened). */
export async function withTenant<T> (config: Config, io: CliIo, options: Options, work: (ctx: CliContext, tenantId: string) => Promise<T>): Promise<T> {
  required(options, 'tenant')
  return withAdmin(config, io, async ctx => work(ctx, (await tenantBySlug(ctx, str(options, 'tenant')!)).id))
}
