// A valid owner contact (an individual in Paris) for rule checks and orders, with what a test
// wants changed: owner({ email: 'x' }, { country: 'US' }).
export function owner (changes: Record<string, unknown> = {}, address: Record<string, unknown> = {}) {
  return {
    legalForm: 'individual',
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
    phone: '+33.612345678',
    language: 'fr_FR',
    ...changes,
    address: { line1: '1 rue de la Paix', city: 'Paris', zip: '75002', country: 'FR', ...address }
  }
}
