// One source for the words of both APIs: where a REST operation answers (or takes) the shape a
// GraphQL field does, the OpenAPI document's properties and parameters that have no description of
// their own take the GraphQL field's, from schema.graphql. The REST routes' zod schemas describe
// only what REST does differently (their .describe() wins); a field described once in
// schema.graphql is described in both documents, and test/graphql/descriptions.test.ts makes sure
// it is. Each operation names the GraphQL field it mirrors (by its operationId, or in `mirrors`
// below); shapes are matched by property name, objects and lists followed through the GraphQL
// types, and a REST page ({ items, pageInfo, totalCount }) through its connection's edges.
import {
  GraphQLList, buildSchema, getNamedType, isEnumType, isInputObjectType, isInterfaceType, isListType,
  isNonNullType, isObjectType
} from 'graphql'
import type { GraphQLField, GraphQLNamedType, GraphQLSchema, GraphQLType } from 'graphql'

/**
 * The GraphQL field each REST operation mirrors, where its operationId is not that field's name
 * (Query.<name> or Mutation.<name>, or get<Name>/list<Name> for Query.<name>).
 */
export const mirrors: Readonly<Record<string, string>> = {
  listTasks: 'Query.domainTasks',
  getTask: 'Query.domainTask',
  listDomainTasks: 'Domain.tasks',
  getDomainTask: 'Query.domainTask',
  runDomainTaskAction: 'Mutation.accelerateDomainTask',
  runTaskAction: 'Mutation.accelerateDomainTask',
  listTaskArguments: 'DomainTask.arguments',
  getTaskArgument: 'Mutation.setDomainTaskArgument',
  setTaskArgument: 'Mutation.setDomainTaskArgument',
  getTaskProgress: 'DomainTask.progressBar',
  listAccountDnsZoneTasks: 'Query.dnsZoneTasks',
  getAccountDnsZoneTask: 'Query.dnsZoneTask',
  accelerateAccountDnsZoneTask: 'Mutation.accelerateDnsZoneTask',
  cancelAccountDnsZoneTask: 'Mutation.cancelDnsZoneTask',
  relaunchAccountDnsZoneTask: 'Mutation.relaunchDnsZoneTask',
  listDnsRecords: 'DnsZone.records',
  getDnsRecord: 'DnsZone.record',
  listDnsZoneTasks: 'DnsZone.tasks',
  getDnsZoneTask: 'DnsZone.task',
  getDnsZoneSoa: 'DnsZone.soa',
  updateDnsZoneSoa: 'Mutation.updateDnsSoa',
  getDnsZoneStatus: 'DnsZone.status',
  getDnssec: 'DnsZone.dnssec',
  exportDnsZone: 'DnsZone.export',
  listDnsRedirections: 'DnsZone.redirections',
  getDnsRedirection: 'DnsZone.redirection',
  listDnsZoneVersions: 'DnsZone.history',
  listCartDomainOptions: 'Query.cartDomainOptions',
  getDnsZoneServiceInfos: 'DnsZone.serviceInfos',
  updateDnsZoneServiceInfos: 'Mutation.updateDnsZoneRenewal',
  listDnsZoneOptions: 'DnsZone.options',
  getDnsZoneOption: 'DnsZone.option',
  getDnsZoneOptionServiceInfos: 'DnsZoneOption.serviceInfos',
  updateDnsZoneOptionServiceInfos: 'Mutation.updateDnsZoneOptionRenewal',
  getDnsZoneCapabilities: 'DnsZone.capabilities',
  getDnsZoneVersion: 'DnsZone.version',
  listDnsDynHostLogins: 'DnsZone.dynHostLogins',
  getDnsDynHostLogin: 'DnsZone.dynHostLogin',
  listDnsDynHostRecords: 'DnsZone.dynHostRecords',
  getDnsDynHostRecord: 'DnsZone.dynHostRecord',
  terminateDnsZone: 'Mutation.terminateZone',
  confirmDnsZoneTermination: 'Mutation.confirmZoneTermination',
  getDomainServiceInfos: 'Domain.serviceInfos',
  updateDomainServiceInfos: 'Mutation.updateDomainRenewal',
  listDomainOptions: 'Domain.options',
  getDomainOption: 'Mutation.releaseDomainOption',
  listDomainServiceOptions: 'Domain.serviceOptions',
  listNameServers: 'Domain.fullNameServers',
  getNameServer: 'Domain.fullNameServers',
  getNameServerStatus: 'FullNameServer.status',
  listGlueRecords: 'Domain.glueRecords',
  getGlueRecord: 'Domain.glueRecords',
  listDsRecords: 'Domain.dsRecords',
  getDsRecord: 'Domain.dsRecords',
  replaceDsRecords: 'Mutation.updateDsRecords',
  getDomainWhois: 'Query.whois',
  listOwnerContacts: 'Query.ownerContacts',
  getOwnerContact: 'Query.ownerContact',
  getAccountContactFields: 'AccountContact.fields',
  listContactChanges: 'Query.contactChangeRequests',
  getContactChange: 'Query.contactChangeRequest',
  checkAvailability: 'Query.availability',
  listPrices: 'Query.priceList',
  getCartSummary: 'Cart.summary',
  getCartItem: 'Mutation.updateCartItem',
  getCartItemRequiredConfiguration: 'CartItem.requiredConfiguration',
  listOrderPaymentMeans: 'Order.paymentMeans',
  getOrderStatus: 'Order.status',
  listUkRegistrars: 'Query.ukRegistrars',
  getConsumerKey: 'User.consumerKey',
  listApiKeys: 'User.apiKeys',
  listWebhookDeliveries: 'Webhook.deliveries',
  getMirrorStatus: 'Query.mirrorStatus'
}

type JsonSchema = Record<string, unknown> & { description?: string, properties?: Record<string, JsonSchema> }
interface Parameter { name: string, in: string, description?: string, schema?: JsonSchema }
interface Operation { operationId?: string, parameters?: Parameter[], requestBody?: { content?: Record<string, { schema?: JsonSchema }> }, responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }> }
export interface DescribedDocument { paths?: Record<string, Record<string, Operation>> }

/** The GraphQL field an operation mirrors; undefined when it mirrors none. */
export function mirroredField (schema: GraphQLSchema, operationId: string): GraphQLField<unknown, unknown> | undefined {
  const coordinate = mirrors[operationId]
  if (coordinate !== undefined) {
    const [type, field] = coordinate.split('.') as [string, string]
    const owner = schema.getType(type)
    return owner && (isObjectType(owner) || isInterfaceType(owner)) ? owner.getFields()[field] : undefined
  }
  const bare = operationId.replace(/^(get|list)(?=[A-Z])/, '')
  const name = bare.charAt(0).toLowerCase() + bare.slice(1)
  return schema.getMutationType()?.getFields()[operationId] ??
    schema.getQueryType()?.getFields()[operationId] ??
    schema.getQueryType()?.getFields()[name]
}

function describe (node: JsonSchema, description: string | null | undefined): void {
  if (!description || node.$ref !== undefined) return
  if (typeof node.description !== 'string') node.description = description
  // An open OVH enum carries only its note (open-enums/openapi.ts): the field's meaning goes first.
  else if (node['x-ovh-enum'] !== undefined && node.description.startsWith('OVH enumeration')) node.description = `${description.replace(/\.?$/, '.')} ${node.description}`
}

// The variants of a nullable or union schema, or the schema itself.
function variants (node: JsonSchema): JsonSchema[] {
  const alternatives = (node.anyOf ?? node.oneOf ?? node.allOf) as JsonSchema[] | undefined
  return alternatives ? [node, ...alternatives.flatMap(variants)] : [node]
}

// Fills `node` (a JSON schema) from `type` (a GraphQL type of the same shape), depth first.
function fill (node: JsonSchema | undefined, type: GraphQLType, seen: Set<JsonSchema>): void {
  if (node === undefined || seen.has(node)) return
  seen.add(node)
  // A REST answer that wraps a GraphQL list: { items: [...] }.
  const list = isNonNullType(type) ? type.ofType : type
  const wrapped = node.properties?.items
  if (isListType(list) && wrapped !== undefined && node.items === undefined) {
    describe(wrapped, 'Every item, in order.')
    fill(wrapped, list, seen)
    return
  }
  let unwrapped = type
  while (isNonNullType(unwrapped) || isListType(unwrapped)) unwrapped = unwrapped.ofType
  const named = unwrapped as GraphQLNamedType
  for (const variant of variants(node)) {
    if (variant.items !== undefined) fill(variant.items as JsonSchema, named, seen)
    const properties = variant.properties
    if (properties === undefined) continue
    if (!(isObjectType(named) || isInterfaceType(named) || isInputObjectType(named))) continue
    const fields = named.getFields()
    for (const [name, property] of Object.entries(properties)) {
      // A REST page's items are its connection's nodes.
      if (name === 'items' && fields.edges !== undefined && fields[name] === undefined) {
        const node = getNamedType(fields.edges.type)
        const nodeField = isObjectType(node) ? node.getFields().node : undefined
        describe(property, 'The items of this page, in the list\'s order; pageInfo.endCursor reads on.')
        if (nodeField !== undefined) fill(property, new GraphQLList(nodeField.type), seen)
        continue
      }
      const field = fields[name]
      if (field === undefined) continue
      describe(property, field.description)
      fill(property, field.type, seen)
    }
  }
  if (isEnumType(named)) describe(node, named.description)
}

/** Fills, in place, what the document leaves undescribed from schema.graphql; returns the document. */
export function withGraphqlDescriptions<T> (document: T, sdl: string): T {
  const schema = buildSchema(sdl)
  // Shared components named after a GraphQL type (EligibilityRule, and zod's input twin of it).
  const components = (document as { components?: { schemas?: Record<string, JsonSchema> } }).components?.schemas ?? {}
  for (const [name, component] of Object.entries(components)) {
    const type = schema.getType(name.replace(/Input$/, ''))
    if (type !== undefined) fill(component, type, new Set())
  }
  for (const methods of Object.values((document as DescribedDocument).paths ?? {})) {
    for (const operation of Object.values(methods)) {
      const field = operation.operationId === undefined ? undefined : mirroredField(schema, operation.operationId)
      if (field === undefined) continue
      const seen = new Set<JsonSchema>()
      for (const [code, answer] of Object.entries(operation.responses ?? {})) {
        if (!/^2\d\d$/.test(code)) continue
        for (const content of Object.values(answer.content ?? {})) fill(content.schema, field.type, seen)
      }
      // A body is the field's input argument, or its arguments side by side.
      for (const content of Object.values(operation.requestBody?.content ?? {})) {
        const body = content.schema
        if (body?.properties === undefined) continue
        for (const [name, property] of Object.entries(body.properties)) {
          const arg = field.args.find(each => each.name === name)
          if (arg !== undefined) {
            describe(property, arg.description)
            fill(property, arg.type, seen)
            continue
          }
          for (const input of field.args.map(each => getNamedType(each.type)).filter(isInputObjectType)) {
            const inputField = input.getFields()[name]
            if (inputField === undefined) continue
            describe(property, inputField.description)
            fill(property, inputField.type, seen)
            break
          }
        }
      }
      // Parameters are the field's arguments, or the fields of its filter.
      for (const parameter of operation.parameters ?? []) {
        if (typeof parameter.description === 'string' || typeof parameter.schema?.description === 'string') continue
        const arg = field.args.find(each => each.name === parameter.name)
        const inputField = arg === undefined
          ? field.args.map(each => getNamedType(each.type)).filter(isInputObjectType).map(input => input.getFields()[parameter.name]).find(Boolean)
          : undefined
        const description = (arg ?? inputField)?.description
        if (description) parameter.description = description
      }
    }
  }
  return document
}
