// An order placed for a customer (orderDomain's `customer`, the tenant's reference) gives the
// customer its domain as soon as OVH has the order: the customer's users then see it, its tasks
// and its zone without an admin's step.
import { badUserInput } from '../../errors.js'
import type { Customer } from '../../generated/prisma/client.js'
import type { Caller } from '../../upstream/caller.js'

/** The customer an order names, checked before any OVH call; unknown is BAD_USER_INPUT. */
export async function orderCustomer (caller: Caller, reference: string | null | undefined): Promise<Customer | null> {
  if (reference === null || reference === undefined) return null
  const customer = await caller.stores.customers.findByReference(caller.tenant.id, reference)
  // A limited caller orders only for its own customers; another is unknown, as another tenant's.
  if (customer === null || (caller.customers !== null && !caller.customers.includes(customer.id))) {
    throw badUserInput(`unknown customer "${reference.slice(0, 100)}"`, [{ field: 'customer', message: 'is not a customer reference of this tenant' }])
  }
  return customer
}

export async function assignOrderedDomain (caller: Caller, customer: Customer, domain: string, orderId: number): Promise<void> {
  await caller.stores.customers.assignDomain(caller.tenant.id, customer.id, domain)
  caller.audit('customer.domain.assign', { customerId: customer.id, reference: customer.reference, domain, orderId })
}
