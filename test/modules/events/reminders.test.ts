// Reminders on a real database: domain.expiring at each threshold of the tenant crossed, once per
// domain, expiry and threshold however often the job runs; credential.expiring and
// credential.expired for validated consumer keys only.
import t from 'tap'
import { createTestDatabase } from '../../support/database.js'
import { createPrismaClient } from '../../../src/db/client.js'
import { crossedThreshold, recordCredentialReminders, recordDomainReminders } from '../../../src/modules/events/reminders.js'

const DAY = 86_400_000
const now = new Date('2026-12-07T12:00:00Z')
const inDays = (days: number) => new Date(now.getTime() + days * DAY)

t.test('the threshold crossed is the smallest one the time left is within', async t => {
  t.equal(crossedThreshold([30, 7, 1], inDays(40), now), null, 'none yet')
  t.equal(crossedThreshold([30, 7, 1], inDays(29), now), 30)
  t.equal(crossedThreshold([30, 7, 1], inDays(6.5), now), 7)
  t.equal(crossedThreshold([30, 7, 1], inDays(0.5), now), 1)
  t.equal(crossedThreshold([30, 7, 1], inDays(-1), now), null, 'already past')
})

t.test('domain and credential reminders, each recorded once', async t => {
  const db = createPrismaClient(await createTestDatabase(t), { maxConnections: 2 })
  t.teardown(() => db.$disconnect())
  const tenant = await db.tenant.create({ data: { slug: 'shop', name: 'Shop', ovhEndpoint: 'sandbox', ovhApplicationKey: 'ak', ovhApplicationSecret: 'sealed', expiryReminderDays: [14, 2] } })
  const user = await db.user.create({ data: { tenantId: tenant.id, email: 'a@shop.example', role: 'admin' } })
  const account = await db.mirrorAccount.create({ data: { tenantId: tenant.id, ovhEndpoint: 'sandbox', ovhAccount: 'xx1-ovh' } })
  const domain = (name: string, expiresAt: Date) => ({ accountId: account.id, tenantId: tenant.id, name, tld: 'com', expiresAt, syncedAt: now })
  await db.mirrorDomain.createMany({ data: [domain('soon.com', inDays(1.5)), domain('later.com', inDays(10)), domain('far.com', inDays(20)), domain('gone.com', inDays(-3))] })
  const credential = (state: 'validated' | 'revoked', expiresAt: Date) => ({ tenantId: tenant.id, userId: user.id, consumerKey: 'sealed', state, accessRules: [], expiresAt })
  const expiring = await db.ovhCredential.create({ data: credential('validated', inDays(5)) })
  const expired = await db.ovhCredential.create({ data: credential('validated', inDays(-0.1)) })
  await db.ovhCredential.create({ data: credential('revoked', inDays(1)) })

  t.equal(await recordDomainReminders(db, now), 2)
  t.equal(await recordCredentialReminders(db, now), 2)
  // Keys are read in no particular order: compare by type and subject.
  const byKey = <T extends { type: string, subject: string }>(list: T[]) => [...list].sort((a, b) => `${a.type}:${a.subject}`.localeCompare(`${b.type}:${b.subject}`))
  const events = await db.event.findMany()
  t.match(byKey(events.map(({ type, subject, data }) => ({ type, subject, data }))), byKey([
    { type: 'domain.expiring', subject: 'later.com', data: { threshold: 14, daysLeft: 10 } },
    { type: 'domain.expiring', subject: 'soon.com', data: { threshold: 2, daysLeft: 2 } },
    { type: 'credential.expiring', subject: expiring.id, data: { threshold: 7, userId: user.id, purpose: 'user' } },
    { type: 'credential.expired', subject: expired.id, data: { userId: user.id } }
  ]))
  t.equal(events.length, 4, 'far.com (20 days) is beyond the tenant\'s largest threshold; a revoked key is nobody\'s concern')

  // The job runs again: nothing twice. A day later, soon.com has crossed no new threshold; later.com
  // has not reached 2 days either.
  await recordDomainReminders(db, now)
  await recordCredentialReminders(db, now)
  await recordDomainReminders(db, new Date(now.getTime() + DAY))
  t.equal(await db.event.count(), 4, 'each reminder once per subject, expiry and threshold')

  // Renewed: a new expiry is a new subject date, reminded again when it comes near.
  await db.mirrorDomain.update({ where: { accountId_name: { accountId: account.id, name: 'soon.com' } }, data: { expiresAt: inDays(366) } })
  await db.mirrorDomain.update({ where: { accountId_name: { accountId: account.id, name: 'far.com' } }, data: { expiresAt: inDays(1) } })
  t.equal(await recordDomainReminders(db, now), 2, 'later.com again (same key, skipped) and far.com at 2 days')
  t.equal(await db.event.count({ where: { type: 'domain.expiring' } }), 3)
})
