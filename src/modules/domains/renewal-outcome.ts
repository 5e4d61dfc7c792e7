// What a domain's renewalState becomes once OVH accepted new renew settings (PUT serviceInfos,
// answered at once, no task): OVH derives it from them (deleteAtExpiration: cancellation_requested;
// else automatic: automatic_renew; else manual_renew). Only from one of those three states and
// when the renewal is not forced by OVH: an unpaid or cancelled domain, or a forced renewal, keeps
// a state the settings do not decide, which the mirror's next read of the domain says.
import type { DomainOutcome } from '../../mirror/write-outcome.js'
import type { RenewBody } from '../shared/renewal-change.js'

const DERIVED = new Set(['automatic_renew', 'manual_renew', 'cancellation_requested'])

export function renewalStateOf (renew: Pick<RenewBody, 'automatic' | 'deleteAtExpiration'>): string {
  if (renew.deleteAtExpiration) return 'cancellation_requested'
  return renew.automatic ? 'automatic_renew' : 'manual_renew'
}

export function renewalOutcome (renew: RenewBody): DomainOutcome {
  return stored => renew.forced || stored.renewalState === null || !DERIVED.has(stored.renewalState)
    ? null
    : { renewalState: renewalStateOf(renew) }
}
