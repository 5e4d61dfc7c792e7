// What each role and API-key scope allows (PRODUCT.md "Tenancy and credentials").
export const ROLES = ['admin', 'operator', 'viewer'] as const
export type Role = typeof ROLES[number]

export const SCOPES = ['read', 'write', 'admin'] as const
export type Scope = typeof SCOPES[number]

const roleScopes: Record<Role, readonly Scope[]> = {
  admin: ['read', 'write', 'admin'],
  operator: ['read', 'write'],
  viewer: ['read']
}

export function scopesOfRole (role: Role): readonly Scope[] {
  return roleScopes[role]
}

// An API key never grants more than its user's role, whatever scopes it was given.
export function effectiveScopes (role: Role, keyScopes: readonly string[]): Scope[] {
  return roleScopes[role].filter(scope => keyScopes.includes(scope))
}

export function parseScopes (value: string | readonly string[] | undefined, role: Role): Scope[] {
  if (value === undefined) return [...roleScopes[role]]
  const list = (typeof value === 'string' ? value.split(',') : value).map(s => s.trim()).filter(Boolean)
  const unknown = list.filter(scope => !(SCOPES as readonly string[]).includes(scope))
  if (unknown.length > 0) throw new Error(`unknown scope(s): ${unknown.join(', ')} (known: ${SCOPES.join(', ')})`)
  return list as Scope[]
}
