// The renew settings to send OVH for a change of a service's renewal (a domain's, a DNS zone's or
// a zone option's serviceInfos), checked first against what its serviceInfos say is possible, so
// that a change OVH would refuse never reaches it. OVH's renew has no "unset": what is not given
// keeps its current value. @see docs/OVH-API.md 11
import { badUserInput } from '../../errors.js'
import type { FieldError } from '../../errors.js'
import type { RenewInput, ServiceInfos } from '../domains/schemas.js'
import { nothingToChange, withoutNulls } from './validate.js'

export interface RenewBody { automatic: boolean, deleteAtExpiration: boolean, forced: boolean, period: number | null }

/** Refuses a change that changes nothing, before the service is read. */
export function requireRenewChange (input: RenewInput, path: string): void {
  // GraphQL lets each field be null; null means "not given".
  if (Object.keys(withoutNulls(input)).length === 0) throw nothingToChange(path, 'automatic, deleteAtExpiration, period')
}

/** `path` prefixes field names in errors ('input' or 'body.renew'); `what` names the service in messages. */
export function renewalChange (current: ServiceInfos, input: RenewInput, path: string, what: string): RenewBody {
  requireRenewChange(input, path)
  const errors: FieldError[] = []
  if (input.deleteAtExpiration === true && current.renew?.deleteAtExpiration !== true && !current.canDeleteAtExpiration) {
    errors.push({ field: `${path}.deleteAtExpiration`, message: `OVH does not allow this ${what} to be deleted at expiration now (canDeleteAtExpiration is false)` })
  }
  const periods = current.possibleRenewPeriod ?? []
  if (input.period !== undefined && input.period !== null && !periods.includes(input.period)) {
    errors.push({ field: `${path}.period`, message: periods.length > 0 ? `must be one of ${periods.join(', ')} (months)` : `this ${what} offers no renewal period` })
  }
  if (errors.length > 0) throw badUserInput(`these renewal settings are not possible for this ${what}`, errors)
  return {
    automatic: input.automatic ?? current.renew?.automatic ?? false,
    deleteAtExpiration: input.deleteAtExpiration ?? current.renew?.deleteAtExpiration ?? false,
    forced: current.renew?.forced ?? false,
    period: input.period ?? current.renew?.period ?? null
  }
}
