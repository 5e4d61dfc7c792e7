// Every OVH area the sandbox serves. A new area file is added here (and gets conformance examples).
import type { SandboxArea } from '../http/route.js'
import { authArea } from './auth.js'
import { contactsArea } from './contacts.js'
import { dnsArea } from './dns.js'
import { domainArea } from './domain.js'
import { domainDataSmdArea } from './domain-data-smd.js'
import { domainExtensionsArea } from './domain-extensions.js'
import { domainTasksArea } from './domain-tasks.js'
import { domainTransferArea } from './domain-transfer.js'
import { meOrderArea } from './me-order.js'
import { meBillArea } from './me-bill.js'
import { orderCartArea } from './order-cart.js'
import { orderCartItemsArea } from './order-cart-items.js'
import { orderCartCouponsArea } from './order-cart-coupons.js'
import { orderServiceOptionArea } from './order-service-option.js'
import { rulesArea } from './rules.js'
import { serviceRenewArea } from './service-renew.js'
import { servicesArea } from './services.js'
import { whoisArea } from './whois.js'

export const SANDBOX_AREAS: readonly SandboxArea[] = [
  authArea, domainArea, domainTasksArea, dnsArea, rulesArea, contactsArea, whoisArea,
  domainExtensionsArea, orderCartArea, orderCartItemsArea, orderCartCouponsArea, orderServiceOptionArea, meOrderArea, meBillArea, domainTransferArea,
  servicesArea, serviceRenewArea, domainDataSmdArea
]
