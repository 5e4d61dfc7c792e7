// How many operations of one of OVH's description files (ovh-api/v1-eu/<file>.json) the gateway
// calls, read from its source: every OVH path it names ('/domain/{serviceName}/task', loaders and
// lists included) with the method of the call around it. Issue 14 sets a target on domain.json;
// `npx tsx scripts/ovh-coverage.ts domain` prints the count and the operations not called, and
// test/sandbox/conformance.test.ts keeps the count from going down.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { packageRoot } from '../src/paths.js'
import { sharedOvhSchema } from '../src/sandbox/schema/load.js'

// From the package root, not from this file: the tests run it compiled, from .test-build/scripts.
const SOURCE = join(packageRoot, 'src')
// The sandbox serves OVH's routes rather than calling them; generated code names none.
const SKIPPED = new Set(['sandbox', 'generated'])
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const

function sourceFiles (directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap(entry => {
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : sourceFiles(join(directory, entry.name))
    return entry.name.endsWith('.ts') ? [join(directory, entry.name)] : []
  })
}

interface Use { pattern: RegExp, methods: ReadonlySet<string> }

// The methods a path literal is called with: the client method just before it (get, post, put,
// delete, getBatch), any method for request(method, path), else GET (batch and list loaders).
function methodsBefore (text: string): ReadonlySet<string> {
  const call = /\.(get|getBatch|post|put|delete|request)\s*(?:<[^()]*>)?\(\s*(?:method\s*,\s*)?$/.exec(text)
  if (call === null) return new Set(['GET'])
  if (call[1] === 'request') return new Set(METHODS)
  return new Set([call[1] === 'getBatch' ? 'GET' : call[1].toUpperCase()])
}

function usesIn (text: string): Use[] {
  const uses: Use[] = []
  for (const match of text.matchAll(/['`](\/(?:domain|order|me|service|services|auth)[^'`\s]*)['`]/g)) {
    // A ${...} part of a template stands for one path segment (a task action, say).
    const path = match[1].split('?')[0]
    const pattern = new RegExp('^' + path.split(/\$\{[^}]*\}/).map(part => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[^/]+') + '$')
    uses.push({ pattern, methods: methodsBefore(text.slice(Math.max(0, match.index - 80), match.index)) })
  }
  return uses
}

export interface Coverage { file: string, total: number, called: string[], missing: string[], deprecated: string[] }

export function ovhCoverage (file = 'domain'): Coverage {
  const schema = sharedOvhSchema()
  const uses = sourceFiles(SOURCE).flatMap(path => usesIn(readFileSync(path, 'utf8')))
  const operations = schema.operations().filter(operation => operation.file === file)
  const called: string[] = []
  const missing: string[] = []
  const deprecated: string[] = []
  for (const operation of operations) {
    const key = `${operation.httpMethod} ${operation.path}`
    if (/DEPRECATED/i.test(operation.apiStatus?.value ?? '')) deprecated.push(key)
    const calls = uses.some(use => use.methods.has(operation.httpMethod) && use.pattern.test(operation.path))
    ;(calls ? called : missing).push(key)
  }
  return { file, total: operations.length, called, missing, deprecated }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const coverage = ovhCoverage(process.argv[2] ?? 'domain')
  console.log(`${coverage.file}.json: the gateway calls ${coverage.called.length} of ${coverage.total} operations (${coverage.deprecated.length} deprecated)`)
  for (const key of coverage.missing) console.log(`  not called: ${key}${coverage.deprecated.includes(key) ? ' (deprecated)' : ''}`)
}
