// The .uk release: a .uk domain leaves OVH when it is given to another registrar's Nominet tag
// (OVH POST /domain/{sn}/ukOutgoingTransfer), chosen from OVH's list (GET .../ukRegistrars); .uk
// has no auth code. Any other domain is refused before OVH is called. @see docs/OVH-API.md 10
import { badUserInput } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { domainReads } from '../domains/reads.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import type { DomainTask } from '../tasks/schemas.js'

export interface UkRegistrar { name: string, tag: string }

// Nominet tags: letters, digits and "-" (e.g. "GANDI", "123-REG").
const TAG = /^[A-Z0-9][A-Z0-9._-]{0,63}$/

/** The domain when it is a .uk one (example.uk, example.co.uk, example.org.uk...); BAD_USER_INPUT otherwise. */
function ukDomain (name: string, field = 'domain'): string {
  const domain = normalizeDomainName(name, field)
  if (!domain.endsWith('.uk')) {
    throw badUserInput(`${domain} is not a .uk domain: only .uk domains are released to a registrar's tag (others leave with their auth code)`, [
      { field, message: 'must be a .uk domain, such as example.co.uk' }
    ])
  }
  return domain
}

async function registrarsOf (caller: Caller, domain: string): Promise<UkRegistrar[]> {
  return caller.memo(`uk-registrars:${domain}`, async () => {
    const client = await caller.ovh()
    return client.get<UkRegistrar[]>('/domain/{serviceName}/ukRegistrars', { params: { serviceName: domain } })
  })
}

/** The registrars a .uk domain can be released to, with their tags, sorted by name. */
export async function listUkRegistrars (caller: Caller, name: string): Promise<UkRegistrar[]> {
  caller.require('read')
  const domain = ukDomain(name)
  return [...await registrarsOf(caller, domain)].sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * Releases a .uk domain to a registrar's tag: a DomainOutgoingTransfer task, after which the domain
 * is no longer at OVH. The tag is checked against OVH's list first, so a typo never gives the
 * domain away to a stranger (nor to nobody).
 */
export async function releaseUkDomain (caller: Caller, name: string, tag: string, field = 'tag'): Promise<DomainTask> {
  caller.require('write')
  const domain = ukDomain(name)
  const wanted = tag.trim().toUpperCase()
  if (!TAG.test(wanted)) throw badUserInput('invalid registrar tag', [{ field, message: 'must be a Nominet registrar tag, such as GANDI (see ukRegistrars)' }])
  const registrars = await registrarsOf(caller, domain)
  if (!registrars.some(registrar => registrar.tag.toUpperCase() === wanted)) {
    throw badUserInput('unknown registrar tag', [{ field, message: `no registrar OVH knows has the tag ${wanted}: pick one of ukRegistrars` }])
  }
  const client = await caller.ovh()
  const task = await client.post<DomainTask>('/domain/{serviceName}/ukOutgoingTransfer', { params: { serviceName: domain }, body: { tag: wanted } })
  domainReads(caller).domain.clear(domain)
  return task
}
