// What a domain's renewalState becomes once OVH accepted new renew settings (PUT serviceInfos,
// answered at once, no task): OVH derives it from them (deleteAtExpiration: cancellation_requested;
// else automatic: automatic_renew; else manual_renew). Only from one of those three states and
// when the renewal is not forced by OVH: an unpaid or cancelled domain, or a forced renewal, keeps
// a state the settings do not decide, which the mirror's next read of the domain says.
import type { RenewBody } from '../shared/renewal-change.js'

/** The states renew settings decide: the only ones a write's outcome moves from or to. */
export const SETTLED_BY_SETTINGS: readonly string[] = ['automatic_renew', 'manual_renew', 'cancellation_requested']

/** The renewalState OVH shows after these settings, or null when they do not decide it. */
export function renewalStateAfter (renew: RenewBody): string | null {
  if (renew.forced) return null
  if (renew.deleteAtExpiration) return 'cancellation_requested'
  return renew.automatic ? 'automatic_renew' : 'manual_renew'
}
