// The gateway's modules, in the order their REST routes are registered (and listed in the OpenAPI
// document). A new module adds its index.ts here: plugins/rest.ts and plugins/graphql.ts take
// its routes and resolvers from this list.
import { accountModule } from './account/index.js'
import { domainsModule } from './domains/index.js'
import { rulesModule } from './rules/index.js'
import { tasksModule } from './tasks/index.js'
import { contactsModule } from './contacts/index.js'
import { whoisModule } from './whois/index.js'
import { dnsModule } from './dns/index.js'
import { catalogModule } from './catalog/index.js'
import { trademarksModule } from './trademarks/index.js'
import { ordersModule } from './orders/index.js'
import { renewalsModule } from './renewals/index.js'
import { billsModule } from './bills/index.js'
import { transfersModule } from './transfers/index.js'
import { auditModule } from './audit/index.js'
import { eventsModule } from './events/index.js'
import { webhooksModule } from './webhooks/index.js'
import { accessModule } from './access/index.js'
import { customersModule } from './customers/index.js'
import { mirrorModule } from './mirror/index.js'
import { subscriptionsModule } from './subscriptions/index.js'
import { nodeModule } from './node/index.js'
import type { GatewayModule } from './module.js'

export const modules: GatewayModule[] = [
  accountModule,
  domainsModule,
  rulesModule,
  tasksModule,
  contactsModule,
  whoisModule,
  dnsModule,
  catalogModule,
  trademarksModule,
  ordersModule,
  renewalsModule,
  billsModule,
  transfersModule,
  auditModule,
  eventsModule,
  webhooksModule,
  accessModule,
  customersModule,
  mirrorModule,
  subscriptionsModule,
  nodeModule
]
