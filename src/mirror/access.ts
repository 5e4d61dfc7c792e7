// What a consumer key's access rules let the mirror show: the same objects the key could read live.
// OVH matches a rule's path with `*` standing for any characters ('/domain/*' covers
// '/domain/a.com' but not '/domain'), method for method (docs/OVH-API.md 2.6; the sandbox's
// src/sandbox/access-rules.ts implements the same matching for OVH's side, which the gateway's
// code does not import). A domain is visible when the key may GET the domain itself or anything
// below it ('/domain/example.com/*' alone is a key for example.com): lists, counts and exports
// answer from the gateway's database and need no GET /domain of their own.
import { Prisma } from '../generated/prisma/client.js'
import type { AccessRule } from '../tenancy/access-rules.js'

const DOMAIN = '/domain/'

const patternCache = new Map<string, RegExp>()

function patternRegExp (pattern: string): RegExp {
  let regexp = patternCache.get(pattern)
  if (regexp === undefined) {
    const source = pattern.split('*').map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')
    regexp = new RegExp(`^${source}$`, 's')
    // Keys hold a few dozen rules; the cache stays small, but never unbounded.
    if (patternCache.size > 10_000) patternCache.clear()
    patternCache.set(pattern, regexp)
  }
  return regexp
}

/** OVH's decision for one live call: some rule of that method whose path pattern matches. */
export function isGranted (rules: readonly AccessRule[], method: string, path: string): boolean {
  return rules.some(rule => rule.method === method && patternRegExp(rule.path).test(path))
}

/** The rules stored with a credential ([{method, path}] as sent to POST /auth/credential). */
export function rulesOf (stored: unknown): AccessRule[] {
  if (!Array.isArray(stored)) return []
  return stored.filter((rule): rule is AccessRule => typeof rule?.method === 'string' && typeof rule?.path === 'string')
}

/**
 * The domains a key may see, as conditions on the name: every domain, or those equal to one of
 * `names`, starting with one of `prefixes`, or whose path '/domain/<name>' matches one of
 * `paths` (patterns whose wildcard sits inside the name, e.g. '/domain/*.fr').
 */
export type DomainAccess =
  | { all: true }
  | { all: false, names: string[], prefixes: string[], paths: string[] }

export function domainAccessOf (rules: readonly AccessRule[]): DomainAccess {
  const names = new Set<string>()
  const prefixes = new Set<string>()
  const paths = new Set<string>()
  for (const rule of rules) {
    if (rule.method !== 'GET') continue
    const pattern = rule.path
    const star = pattern.indexOf('*')
    // The literal part before the first wildcard (the whole path without one).
    const head = star === -1 ? pattern : pattern.slice(0, star)
    // '/*', '/domain*', '/domain/*', '/domain/*/task': any '/domain/<name>/...' path matches.
    if (star !== -1 && DOMAIN.startsWith(head)) {
      if (pattern === `${head}*` || pattern.startsWith(`${head}*/`)) return { all: true }
      paths.add(pattern)
      if (pattern.endsWith('/*')) paths.add(pattern.slice(0, -2))
      continue
    }
    if (!head.startsWith(DOMAIN)) continue
    const rest = head.slice(DOMAIN.length)
    const slash = rest.indexOf('/')
    if (slash !== -1) {
      // '/domain/example.com', '/domain/example.com/', '/domain/example.com/serviceInfos': one domain.
      names.add(rest.slice(0, slash))
    } else if (star === -1) {
      names.add(rest)
    } else if (pattern === `${head}*` || pattern.startsWith(`${head}*/`)) {
      // '/domain/shop*': every name starting with 'shop' (and its subpaths).
      prefixes.add(rest)
    } else {
      // '/domain/*.fr' or '/domain/a*b': the wildcard decides inside the name; '/domain/*.fr/*'
      // is a key for the .fr domains' subpaths, so for the .fr domains.
      paths.add(pattern)
      if (pattern.endsWith('/*')) paths.add(pattern.slice(0, -2))
    }
  }
  // '/domain/zone/*' and its kind name collections of /domain, not domains: a domain has a dot.
  return { all: false, names: [...names].filter(name => name.includes('.')), prefixes: [...prefixes], paths: [...paths] }
}

/** Whether a key with this access sees the domain (the same decision as domainAccessSql). */
export function domainVisible (access: DomainAccess, name: string): boolean {
  if (access.all) return true
  return access.names.includes(name) ||
    access.prefixes.some(prefix => name.startsWith(prefix)) ||
    access.paths.some(pattern => patternRegExp(pattern).test(`${DOMAIN}${name}`))
}

// LIKE treats % and _ as wildcards and \ as its escape: a literal part of a rule keeps them literal.
function likeLiteral (text: string): string {
  return text.replace(/[\\%_]/g, match => `\\${match}`)
}

function likeOfPattern (pattern: string): string {
  return pattern.split('*').map(likeLiteral).join('%')
}

/**
 * The SQL condition on a domain name column for an access (TRUE for every domain, FALSE for none):
 * "name" of MirrorDomain by default; MirrorTask's "domain", as a task follows its domain.
 */
export function domainAccessSql (access: DomainAccess, column: Prisma.Sql = Prisma.raw('"name"')): Prisma.Sql {
  if (access.all) return Prisma.sql`TRUE`
  const parts: Prisma.Sql[] = []
  if (access.names.length > 0) parts.push(Prisma.sql`${column} = ANY(${access.names}::text[])`)
  for (const prefix of access.prefixes) parts.push(Prisma.sql`${column} LIKE ${`${likeLiteral(prefix)}%`}`)
  for (const pattern of access.paths) parts.push(Prisma.sql`(${DOMAIN} || ${column}) LIKE ${likeOfPattern(pattern)}`)
  if (parts.length === 0) return Prisma.sql`FALSE`
  return Prisma.sql`(${Prisma.join(parts, ' OR ')})`
}
