// The events area's periodic job: reminders (domain.expiring, credential.expiring and
// credential.expired), recorded once per subject and threshold however often it runs.
import fp from 'fastify-plugin'
import { recordCredentialReminders, recordDomainReminders } from './reminders.js'

export const REMINDERS_JOB = 'events:reminders'

export default fp(async function eventsPlugin (app) {
  app.jobs.define(REMINDERS_JOB, async () => {
    const domains = await recordDomainReminders(app.db)
    const credentials = await recordCredentialReminders(app.db)
    if (domains + credentials > 0) app.log.info({ domains, credentials }, 'expiry reminders recorded')
  })
  // Hourly: a threshold is crossed at most an hour before its event; a missed hour is caught up.
  app.jobs.cron({ task: REMINDERS_JOB, match: '7 * * * *', options: { backfillPeriod: 3_600_000, jobKey: REMINDERS_JOB } })
}, { name: 'events', dependencies: ['jobs'] })
