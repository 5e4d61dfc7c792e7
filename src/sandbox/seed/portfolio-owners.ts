// Owner contacts of a generated portfolio: a reseller's customers, companies and individuals in
// France, Germany (some in Berlin, for .berlin), Belgium and the United Kingdom, about one for every
// 40 domains. They are ordinary contacts of the account (persisted as such); the portfolio keeps
// their ids by what the registries' rules need, so a domain always gets an owner its TLD accepts.
import { createContact } from '../model/contacts.js'
import type { ContactInput } from '../model/contacts.js'
import type { AccountState, SandboxState } from '../state/types.js'
import { between, hashSeed, pick, randomFor, weighted } from './prng.js'
import type { Random } from './prng.js'

export interface PortfolioOwners {
  // Every owner; `eu`: those in the EU/EEA (.fr, .eu, .de, .be, .paris); `berlin`: those in Berlin.
  all: number[]
  eu: number[]
  berlin: number[]
}

const DOMAINS_PER_OWNER = 40
const MAX_OWNERS = 2_500

export function ownerCountFor (domains: number): number {
  return Math.min(MAX_OWNERS, Math.max(4, Math.ceil(domains / DOMAINS_PER_OWNER)))
}

interface Place { country: string, city: string, zip: string, street: string, phone: string, language: string, berlin?: boolean }

const PLACES: ReadonlyArray<readonly [Place, number]> = [
  [{ country: 'FR', city: 'Paris', zip: '75011', street: 'rue Oberkampf', phone: '+33.1', language: 'fr_FR' }, 25],
  [{ country: 'FR', city: 'Lyon', zip: '69002', street: 'rue de la République', phone: '+33.4', language: 'fr_FR' }, 15],
  [{ country: 'FR', city: 'Lille', zip: '59000', street: 'rue Nationale', phone: '+33.3', language: 'fr_FR' }, 10],
  [{ country: 'FR', city: 'Bordeaux', zip: '33000', street: 'cours de l\'Intendance', phone: '+33.5', language: 'fr_FR' }, 10],
  [{ country: 'DE', city: 'Berlin', zip: '10999', street: 'Oranienstraße', phone: '+49.30', language: 'de_DE', berlin: true }, 12],
  [{ country: 'DE', city: 'München', zip: '80331', street: 'Sendlinger Straße', phone: '+49.89', language: 'de_DE' }, 8],
  [{ country: 'BE', city: 'Bruxelles', zip: '1000', street: 'rue Neuve', phone: '+32.2', language: 'fr_FR' }, 10],
  [{ country: 'GB', city: 'London', zip: 'EC1V 9HX', street: 'City Road', phone: '+44.20', language: 'en_GB' }, 10]
]

const BERLIN = PLACES.find(([place]) => place.berlin === true)![0]

const FIRST_NAMES = ['Camille', 'Léa', 'Hugo', 'Chloé', 'Lucas', 'Emma', 'Jonas', 'Mia', 'Lukas', 'Sophie', 'Oliver', 'Amelia', 'Noah', 'Julie', 'Thomas', 'Sarah']
const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Moreau', 'Laurent', 'Weber', 'Schmidt', 'Fischer', 'Peeters', 'Janssens', 'Smith', 'Jones', 'Taylor', 'Lefebvre', 'Garnier', 'Roux']
const COMPANY_WORDS = ['Atelier', 'Studio', 'Maison', 'Conseil', 'Digital', 'Invest', 'Services', 'Solutions', 'Partners', 'Group']

function ownerInput (random: Random, index: number, place: Place): ContactInput {
  const firstName = pick(random, FIRST_NAMES)
  const lastName = pick(random, LAST_NAMES)
  const company = random() < 0.6
  const slug = `${lastName}${index}`.toLowerCase().normalize('NFD').replace(/[^a-z0-9]/g, '')
  const legalForm = company ? (place.country === 'FR' ? 'corporation' : 'other') : 'individual'
  const subscriber = String(between(random, 10_000_000, 99_999_999))
  return {
    firstName,
    lastName,
    legalForm,
    organisationName: company ? `${pick(random, COMPANY_WORDS)} ${lastName}` : null,
    email: `contact@${slug}.example`,
    phone: `${place.phone}${subscriber}`,
    language: place.language,
    address: { line1: `${between(random, 1, 180)} ${place.street}`, city: place.city, zip: place.zip, country: place.country }
  }
}

/** Creates `count` owners on the account from `seed` and returns their ids, grouped. */
export function createOwners (state: SandboxState, account: AccountState, seed: string, count: number): PortfolioOwners {
  const seedHash = hashSeed(`${seed}/owners`)
  const owners: PortfolioOwners = { all: [], eu: [], berlin: [] }
  const add = (index: number, place?: Place): void => {
    const random = randomFor(seedHash, index)
    const where = place ?? weighted(random, PLACES)
    const contact = createContact({ state }, account, ownerInput(random, index, where))
    owners.all.push(contact.id)
    if (where.country !== 'GB') owners.eu.push(contact.id)
    if (where.berlin === true) owners.berlin.push(contact.id)
  }
  for (let index = 0; index < count; index++) add(index)
  // Every registry rule needs an owner it accepts, however the draws fell.
  if (owners.berlin.length === 0) add(count, BERLIN)
  return owners
}
