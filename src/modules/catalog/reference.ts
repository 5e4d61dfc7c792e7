// OVH reference data every caller of an endpoint and subsidiary shares, read once an hour at most:
// the extensions on sale, their registry configuration and the public domain catalogue.
import type { Caller } from '../../upstream/caller.js'
import type { PublicCatalog, RegistryConfigurations } from './schemas.js'

export const REFERENCE_TTL_MS = 3_600_000

function keyOf (caller: Caller, what: string): string {
  return `${caller.tenant.ovhEndpoint}|${caller.tenant.ovhSubsidiary}|${what}`
}

export function extensionsKnown (caller: Caller): boolean {
  return caller.shared.has(keyOf(caller, 'extensions'))
}

/** Every TLD on sale for the tenant's subsidiary (GET /domain/extensions), alphabetical. */
export function extensionList (caller: Caller): Promise<string[]> {
  return caller.shared.get(keyOf(caller, 'extensions'), REFERENCE_TTL_MS, async () => {
    const client = await caller.ovh()
    const list = await client.get<string[]>('/domain/extensions', { query: { ovhSubsidiary: caller.tenant.ovhSubsidiary } })
    return [...list].map(tld => tld.toLowerCase()).sort()
  })
}

export function registryConfigurations (caller: Caller, tld: string): Promise<RegistryConfigurations> {
  return caller.shared.get(keyOf(caller, `registry:${tld}`), REFERENCE_TTL_MS, async () => {
    const client = await caller.ovh()
    return await client.get<RegistryConfigurations>('/domain/extensions/{name}/registryConfigurations', { params: { name: tld } })
  })
}

export function publicCatalog (caller: Caller): Promise<PublicCatalog> {
  return caller.shared.get(keyOf(caller, 'catalog'), REFERENCE_TTL_MS, async () => {
    const client = await caller.ovh()
    return await client.get<PublicCatalog>('/order/catalog/public/domain', { query: { ovhSubsidiary: caller.tenant.ovhSubsidiary } })
  })
}

/** The longest TLD of `extensions` that ends `domain` ('shop.co.uk' -> 'co.uk'), or null. */
export function tldOf (domain: string, extensions: readonly string[]): string | null {
  const labels = domain.split('.')
  for (let i = 1; i < labels.length; i++) {
    const candidate = labels.slice(i).join('.')
    if (extensions.includes(candidate)) return candidate
  }
  return null
}

/** The TLD of a name by its last label(s), without asking OVH: 'a.co.uk' -> 'co.uk' only if known. */
export function tldGuess (domain: string): string {
  return domain.slice(domain.indexOf('.') + 1)
}
