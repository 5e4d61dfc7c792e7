// /auth/*: server time, the consumer-key delegation flow and the current credential.
// @see docs/OVH-API.md 2.4, 2.6
import { badRequest } from '../errors.js'
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { requestCredential, toApiCredential } from '../model/credentials.js'
import type { CredentialRequest } from '../model/credentials.js'

export const authArea: SandboxArea = {
  name: 'auth',
  routes: [
    defineRoute({
      method: 'GET',
      path: '/auth/time',
      handler: ({ now }) => Math.floor(now / 1000)
    }),

    defineRoute({
      method: 'POST',
      path: '/auth/credential',
      applicationRequired: true,
      handler ({ state, now, body, auth, origin, mountPrefix }) {
        const request = body as CredentialRequest
        // The schema marks method and path optional inside a rule; a rule without them means nothing.
        request.accessRules.forEach((rule, i) => {
          if (rule.method === undefined) throw badRequest(`Missing parameter(s): accessRules[${i}].method`)
          if (rule.path === undefined) throw badRequest(`Missing parameter(s): accessRules[${i}].path`)
        })
        // The auth layer guarantees an application on this route (X-Ovh-Application is required).
        const credential = requestCredential(state, auth.application!, request, now)
        return {
          consumerKey: credential.consumerKey,
          state: credential.status,
          validationUrl: `${origin}${mountPrefix}/auth/?credentialToken=${encodeURIComponent(credential.validationToken)}`
        }
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/auth/currentCredential',
      handler: ({ state, auth }) => toApiCredential(state, auth.credential!)
    }),

    defineRoute({
      method: 'GET',
      path: '/auth/details',
      handler ({ account, auth }) {
        const rules = auth.credential!.rules
        const everything = ['GET', 'POST', 'PUT', 'DELETE'].every(method => rules.some(rule => rule.method === method && rule.path === '/*'))
        return {
          account: account.nic,
          // "null means everything" (auth.Details)
          allowedRoutes: everything ? null : rules.map(rule => ({ method: rule.method, path: rule.path })),
          description: null,
          identities: [`urn:v1:eu:identity:account:${account.nic}`],
          method: 'account',
          roles: null,
          user: null
        }
      }
    }),

    defineRoute({
      method: 'POST',
      path: '/auth/logout',
      handler ({ auth, now }) {
        const credential = auth.credential!
        credential.status = 'expired'
        credential.expiration = now
        return null
      }
    })
  ]
}
