// The OVH access rules a consumer key asks for, per role: least privilege (PRODUCT.md). OVH's
// rule `/domain/*` does not cover `/domain`, hence the recursive helper the official SDKs also
// offer (python-ovh add_recursive_rules, go-ovh AddRecursiveRules).
import type { Role } from './roles.js'

export interface AccessRule {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
}

const READ_ONLY = ['GET'] as const
const READ_WRITE = ['GET', 'POST', 'PUT', 'DELETE'] as const

export function recursiveRules (methods: readonly AccessRule['method'][], path: string): AccessRule[] {
  return methods.flatMap(method => [{ method, path }, { method, path: `${path}/*` }])
}

// The OVH areas a domain reseller works in: domains and zones, carts and orders, contacts,
// tasks, payment means, the services' renewals and the account's automatic renewal settings, and
// the credential itself.
const AREAS = ['/domain', '/order', '/me/contact', '/me/task', '/me/order', '/me/payment', '/me/autorenew', '/service', '/services']

export function accessRulesForRole (role: Role): AccessRule[] {
  const methods = role === 'viewer' ? READ_ONLY : READ_WRITE
  return [
    { method: 'GET', path: '/me' },
    { method: 'GET', path: '/auth/currentCredential' },
    { method: 'POST', path: '/auth/logout' },
    ...AREAS.flatMap(area => recursiveRules(methods, area)),
    // Bills show OVH's own prices, hidden from viewers like a price's cost (docs/bills.md): read
    // only, for operators and admins.
    ...(role === 'viewer' ? [] : recursiveRules(READ_ONLY, '/me/bill'))
  ]
}
