// Field formats OVH checks on contacts and accounts, as zod schemas shared by REST (whose OpenAPI
// document shows them) and GraphQL (whose services check them with the same schemas), so that a
// value OVH would refuse is refused first, per field, before any call.
// @see ovh-api/v1-eu/me.json nichandle.CountryEnum, docs/OVH-API.md 6.3 (phone format)
import { z } from 'zod'

// OVH's nichandle.CountryEnum (the same in domain.json and me.json, EU and CA), without its
// 'UNKNOWN': a contact names a country. test/modules/shared/ovh-formats.test.ts compares the list
// with OVH's files.
export const COUNTRY_CODES = [
  'AC', 'AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AQ', 'AR', 'AS', 'AT', 'AU', 'AW', 'AX',
  'AZ', 'BA', 'BB', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ', 'BL', 'BM', 'BN', 'BO', 'BQ', 'BR',
  'BS', 'BT', 'BW', 'BY', 'BZ', 'CA', 'CC', 'CD', 'CF', 'CG', 'CH', 'CI', 'CK', 'CL', 'CM', 'CN',
  'CO', 'CR', 'CU', 'CV', 'CW', 'CX', 'CY', 'CZ', 'DE', 'DG', 'DJ', 'DK', 'DM', 'DO', 'DZ', 'EA',
  'EC', 'EE', 'EG', 'EH', 'ER', 'ES', 'ET', 'FI', 'FJ', 'FK', 'FM', 'FO', 'FR', 'GA', 'GB', 'GD',
  'GE', 'GF', 'GG', 'GH', 'GI', 'GL', 'GM', 'GN', 'GP', 'GQ', 'GR', 'GS', 'GT', 'GU', 'GW', 'GY',
  'HK', 'HN', 'HR', 'HT', 'HU', 'IC', 'ID', 'IE', 'IL', 'IM', 'IN', 'IO', 'IQ', 'IR', 'IS', 'IT',
  'JE', 'JM', 'JO', 'JP', 'KE', 'KG', 'KH', 'KI', 'KM', 'KN', 'KP', 'KR', 'KW', 'KY', 'KZ', 'LA',
  'LB', 'LC', 'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV', 'LY', 'MA', 'MC', 'MD', 'ME', 'MF', 'MG',
  'MH', 'MK', 'ML', 'MM', 'MN', 'MO', 'MP', 'MQ', 'MR', 'MS', 'MT', 'MU', 'MV', 'MW', 'MX', 'MY',
  'MZ', 'NA', 'NC', 'NE', 'NF', 'NG', 'NI', 'NL', 'NO', 'NP', 'NR', 'NU', 'NZ', 'OM', 'PA', 'PE',
  'PF', 'PG', 'PH', 'PK', 'PL', 'PM', 'PN', 'PR', 'PS', 'PT', 'PW', 'PY', 'QA', 'RE', 'RO', 'RS',
  'RU', 'RW', 'SA', 'SB', 'SC', 'SD', 'SE', 'SG', 'SH', 'SI', 'SJ', 'SK', 'SL', 'SM', 'SN', 'SO',
  'SR', 'SS', 'ST', 'SV', 'SX', 'SY', 'SZ', 'TA', 'TC', 'TD', 'TF', 'TG', 'TH', 'TJ', 'TK', 'TL',
  'TM', 'TN', 'TO', 'TR', 'TT', 'TV', 'TW', 'TZ', 'UA', 'UG', 'UM', 'US', 'UY', 'UZ',
  'VA', 'VC', 'VE', 'VG', 'VI', 'VN', 'VU', 'WF', 'WS', 'XK', 'YE', 'YT', 'ZA', 'ZM', 'ZW'
] as const

export const COUNTRY_MESSAGE = 'must be an ISO 3166 alpha-2 country code OVH knows, such as FR'
export const CountryCodeSchema = z.enum(COUNTRY_CODES, { error: COUNTRY_MESSAGE })

// OVH's phoneNumber: +<country code>.<number>, e.g. +33.612345678.
export const PhoneSchema = z.string().regex(/^\+\d{1,3}\.\d{4,14}$/, 'must look like +33.612345678')

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
/** An email address (at most 255 characters); `params` as zod's string() takes them (a custom error). */
export const emailSchema = (params?: Parameters<typeof z.string>[0]) => z.string(params).max(255, 'must be at most 255 characters').regex(EMAIL, 'must be an email address')
export const EmailSchema = emailSchema()

// A real calendar day (no month 13, no 31 April, no 29 February outside leap years), as OVH's
// `date` type and GraphQL's Date scalar take it.
export const CalendarDateSchema = z.iso.date({ error: 'must be a real date (YYYY-MM-DD)' })
