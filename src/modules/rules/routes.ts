// REST: GET /v1/rules (OVH's rule tree) and POST /v1/rules/check, over the same service as GraphQL.
import { z } from 'zod'
import { DomainNameSchema } from '../shared/domain-name.js'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { EligibilityCheckSchema, RuleActionEnum, RuleDataSchema, RuleSchema } from './schemas.js'
import { checkEligibility, getRuleTree } from './service.js'

const RuleQuery = z.object({
  domain: DomainNameSchema.describe('The domain name, registered or not'),
  action: RuleActionEnum.describe('create, transfer, trade (owner change) or update')
})

const rulesRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/rules', {
    schema: {
      operationId: 'getEligibilityRules',
      tags: ['rules'],
      summary: 'The eligibility rule tree of an action on a domain (OVH GET /domain/configurationRule)',
      querystring: RuleQuery,
      response: { 200: RuleSchema }
    }
  }, async request => getRuleTree(request.caller, request.query))

  app.post('/rules/check', {
    schema: {
      operationId: 'checkEligibility',
      tags: ['rules'],
      summary: 'Checks data against the eligibility rules; errors are on the data\'s field paths (owner.address.city)',
      querystring: RuleQuery,
      body: RuleDataSchema,
      response: { 200: EligibilityCheckSchema }
    }
  }, async request => checkEligibility(request.caller, { ...request.query, data: request.body }))
}

export default rulesRoutes
