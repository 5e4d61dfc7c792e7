// Trademark claims (ICANN's TMCH): during a new TLD's claims period, registering a label that
// matches a recorded mark needs the claim notice shown to, and acknowledged by, the registrant.
// The sandbox's .store is in its claims period, with two recorded marks, so storefronts can build
// the notice screen: `acme.store` and `globex.store` have a notice, other .store names none.
// @see docs/ordering.md "Trademark claims", OVH's GET /domain/data/claimNotice
import { classError } from '../errors.js'

export const CLAIMS_PERIODS: Record<string, { startingDate: string, endingDate: string }> = {
  // A claims period lasts 90 days at least; the sandbox keeps .store's open, so demos never age out.
  store: { startingDate: '2026-09-01', endingDate: '2099-12-31' }
}

interface Mark { markName: string, holder: string, country: string, goods: string }

const MARKS: Record<string, Mark> = {
  acme: { markName: 'ACME', holder: 'Acme Corporation', country: 'US', goods: 'Anvils, rockets and portable holes' },
  globex: { markName: 'GLOBEX', holder: 'Globex Corporation', country: 'GB', goods: 'Software and consulting' }
}

function split (domain: string): { label: string, tld: string } {
  const dot = domain.indexOf('.')
  return { label: domain.slice(0, dot).toLowerCase(), tld: domain.slice(dot + 1).toLowerCase() }
}

/** The claim notice's id for a name in a claims period matching a mark, else null. */
export function claimNoticeId (domain: string): string | null {
  const { label, tld } = split(domain)
  return CLAIMS_PERIODS[tld] !== undefined && MARKS[label] !== undefined ? `tmch-${label}-${tld}-0001` : null
}

// domain.data.claimNotice.ClaimNotice
export function claimNoticeOf (domain: string) {
  const id = claimNoticeId(domain)
  if (id === null) throw classError(404, 'Client::NotFound', `No claim notice for ${domain}`)
  const { label, tld } = split(domain)
  const mark = MARKS[label]
  const contact = {
    address: { city: 'Springfield', countryCode: mark.country, fax: null, faxExtension: null, postalCode: '12345', stateOrProvince: null, streets: ['1 Trademark Way'], voice: '+1.5555550100', voiceExtension: null },
    email: `legal@${label}.example`,
    entitlement: 'owner',
    name: `${mark.holder} legal department`,
    organisation: mark.holder,
    type: 'holder'
  }
  return {
    claims: [{
      classifications: [{ description: mark.goods, number: '9' }],
      courtDecisions: [],
      goodsAndServices: mark.goods,
      jurisdiction: mark.country === 'US' ? 'United States of America' : 'United Kingdom',
      jurisdictionCountryCode: mark.country,
      markName: mark.markName,
      trademarkContacts: [contact],
      trademarkHolders: [contact],
      trademarkUDRP: []
    }],
    endingDate: CLAIMS_PERIODS[tld].endingDate,
    id,
    label,
    startingDate: CLAIMS_PERIODS[tld].startingDate,
    type: 'TRADEMARK'
  }
}
