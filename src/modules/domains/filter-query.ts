// The portfolio's filters as REST query parameters, shared by the list, its counts and its export.
import { z } from 'zod'
import { commaSeparated } from '../shared/comma-separated.js'
import { dateQuery } from '../shared/date-query.js'
import { DomainStateEnum, LockStatusEnum, NameServerType, RenewalStateEnum } from './schemas.js'

/** The portfolio filters as query parameters (lists comma-separated or repeated). */
export const domainFilterQuery = {
  nameContains: z.string().max(253).optional(),
  state: commaSeparated(DomainStateEnum).optional().describe('Domain states, comma-separated (state=ok,expired) or repeated'),
  tld: commaSeparated(z.string().min(1).max(63).regex(/^\.?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/)).optional().describe('Extensions, comma-separated (tld=com,co.uk)'),
  expiringBefore: dateQuery('Only domains expiring strictly before this instant'),
  expiringAfter: dateQuery('Only domains expiring strictly after this instant'),
  renewalState: commaSeparated(RenewalStateEnum).optional().describe('Renewal modes, comma-separated (renewalState=automatic_renew)'),
  transferLockStatus: commaSeparated(LockStatusEnum).optional().describe('Transfer lock states, comma-separated'),
  nameServerType: commaSeparated(NameServerType).optional().describe('Name-server types, comma-separated (nameServerType=hosted,external)')
}
