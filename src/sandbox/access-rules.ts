// OVH access-rule matching: a rule is {method, path} where '*' in the path matches any characters.
// '/domain/*' therefore covers '/domain/a.com' but not '/domain' itself (docs/OVH-API.md 2.6).
import type { AccessRule } from './state/types.js'

const cache = new Map<string, RegExp>()

// Also used for fault patterns (admin API), so both speak the same wildcard language.
export function pathMatches (pattern: string, path: string): boolean {
  let regexp = cache.get(pattern)
  if (regexp === undefined) {
    const source = pattern.split('*').map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')
    regexp = new RegExp(`^${source}$`)
    cache.set(pattern, regexp)
  }
  return regexp.test(path)
}

export function isGranted (rules: readonly AccessRule[], method: string, path: string): boolean {
  return rules.some(rule => rule.method === method && pathMatches(rule.path, path))
}

export const ALL_RULES: readonly AccessRule[] = (['GET', 'POST', 'PUT', 'DELETE'] as const).map(method => ({ method, path: '/*' }))
