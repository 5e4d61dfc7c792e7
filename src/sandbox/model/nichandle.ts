// The calling account as OVH describes it (nichandle.Nichandle, GET /me): the NIC an order uses as
// default owner, admin and tech (docs/OVH-API.md 5.2, 6.2).
import type { AccountState } from '../state/types.js'

const SYMBOLS: Record<string, string> = { EUR: '€', GBP: '£', USD: '$', CAD: '$', PLN: 'zł', CZK: 'Kč' }

export function toNichandle (account: AccountState) {
  const { profile } = account
  return {
    address: profile.address,
    area: null,
    birthCity: null,
    birthDay: null,
    city: profile.city,
    companyNationalIdentificationNumber: null,
    complementaryAddress: null,
    corporationType: null,
    country: profile.country,
    currency: { code: account.currency, symbol: SYMBOLS[account.currency] ?? account.currency },
    customerCode: null,
    email: profile.email,
    fax: null,
    firstname: profile.firstname,
    italianSDI: null,
    kycValidated: null,
    language: profile.language,
    legalform: profile.legalform,
    name: profile.name,
    nationalIdentificationNumber: null,
    nichandle: account.nic,
    organisation: profile.organisation,
    ovhCompany: 'ovh',
    ovhSubsidiary: account.ovhSubsidiary,
    phone: profile.phone,
    phoneCountry: null,
    phoneType: null,
    purposeOfPurchase: null,
    sex: null,
    spareEmail: null,
    state: 'complete',
    vat: null,
    zip: profile.zip
  }
}
