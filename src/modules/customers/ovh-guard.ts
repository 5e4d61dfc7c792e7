// The OVH client of a user limited to some customers: every call is checked against the domains
// those customers own (./scope.ts) before it is made, so another customer's domain, zone, task or
// service answers as OVH answers another account's (404, "does not exist") with no call made, and
// the account-wide lists OVH answers (domains, zones, tasks) come back holding only theirs. Routes
// on objects that belong to the whole OVH account (orders, bills, contacts, payment means, carts)
// are refused FORBIDDEN: a customer's user cannot be told apart there from the reseller.
import type { OvhClient, OvhMethod, OvhRequestOptions, PathParams, Query } from '../../ovh/index.js'
import { OvhApiError } from '../../ovh/index.js'
import type { BatchResult } from '../../ovh/index.js'
import { gatewayError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { visibleDomains } from './scope.js'

type ScopeCaller = Pick<Caller, 'customers' | 'memo' | 'stores' | 'tenant'>

// Routes that name no domain and hold nothing of one customer: reference data and the key itself.
// The account's SMD files (/domain/data/smd*) are the reseller's, not reference data.
const OPEN_ROUTES = [/^\/domain\/extensions(\/|$)/, /^\/order\/catalog\//, /^\/domain\/configurationRule(\/|$)/, /^\/domain\/data\/(?!smd(\/|$))/, /^\/auth\//]
// Account-wide lists the guard narrows to the caller's domains (their answers are names).
const NAME_LISTS = new Set(['/domain', '/domain/zone'])
const TASKS = '/me/task/domain'

type Verdict = 'ok' | 'notFound' | 'forbidden'

// What this request learnt about tasks and services of the caller's domains (their ids name no domain).
interface Known { tasks: Set<string>, services: Set<string> }

function notFoundError (method: string, route: string): OvhApiError {
  return new OvhApiError({ status: 404, errorClass: 'Client::NotFound', message: 'This service does not exist', method, route })
}

function domainOf (route: string, params: PathParams, query: Query | undefined): string | undefined {
  if (params.zoneName !== undefined) return String(params.zoneName)
  if (params.serviceName !== undefined && (route.startsWith('/domain/') || route.startsWith('/order/cartServiceOption/domain/'))) return String(params.serviceName)
  const domain = query?.domain
  return typeof domain === 'string' ? domain : undefined
}

export function guardForCustomers (client: OvhClient, caller: ScopeCaller): OvhClient {
  const known = caller.memo<Known>('customers.known', () => ({ tasks: new Set(), services: new Set() }))

  async function verdict (method: string, route: string, params: PathParams, query: Query | undefined): Promise<Verdict> {
    const domains = (await visibleDomains(caller))!
    const domain = domainOf(route, params, query)
    if (domain !== undefined) return domains.has(domain.toLowerCase()) ? 'ok' : 'notFound'
    if (route.startsWith(`${TASKS}/{id}`)) return await taskKnown(String(params.id)) ? 'ok' : 'notFound'
    if (/^\/services?\/\{serviceId\}/.test(route)) {
      if (!known.services.has(String(params.serviceId))) return 'notFound'
      // A renewal is an order billed to the reseller's account, paid through /me/order: refused
      // here, before it is placed, rather than placed and left unpaid.
      return method === 'GET' || route.includes('/terminate') ? 'ok' : 'forbidden'
    }
    if (method === 'GET' && (NAME_LISTS.has(route) || route === TASKS || route === '/me')) return 'ok'
    return OPEN_ROUTES.some(pattern => pattern.test(route)) ? 'ok' : 'forbidden'
  }

  // A task id seen in this request's lists, else looked up in the lists of the caller's own
  // domains (never by reading the task itself, which may be another customer's).
  async function taskKnown (id: string): Promise<boolean> {
    if (!known.tasks.has(id)) await tasksOfVisible({})
    return known.tasks.has(id)
  }

  async function tasksOfVisible (opts: OvhRequestOptions): Promise<number[]> {
    const domains = [...(await visibleDomains(caller))!]
    const lists = await Promise.all(domains.map(domain => client.get<number[]>(TASKS, { ...opts, query: { ...opts.query, domain } })))
    const ids = [...new Set(lists.flat())].sort((a, b) => a - b)
    for (const id of ids) known.tasks.add(String(id))
    return ids
  }

  async function enforce (method: string, route: string, opts: OvhRequestOptions | undefined): Promise<void> {
    const found = await verdict(method, route, opts?.params ?? {}, opts?.query)
    if (found === 'notFound') throw notFoundError(method, route)
    if (found === 'forbidden') {
      throw gatewayError('FORBIDDEN', 'users limited to customers reach their customers\' domains only, not the reseller\'s account-wide objects', { reason: 'customer_limited' })
    }
  }

  async function learn (route: string, opts: OvhRequestOptions | undefined, result: unknown): Promise<unknown> {
    if (NAME_LISTS.has(route) && Array.isArray(result)) {
      const domains = (await visibleDomains(caller))!
      return result.filter(name => domains.has(String(name).toLowerCase()))
    }
    if (route === TASKS && Array.isArray(result)) for (const id of result) known.tasks.add(String(id))
    if (route === '/domain/{serviceName}/serviceInfos') {
      const serviceId = (result as { serviceId?: unknown } | null)?.serviceId
      if (serviceId !== undefined && serviceId !== null) known.services.add(String(serviceId))
    }
    return result
  }

  async function request<T> (method: OvhMethod, route: string, opts?: OvhRequestOptions): Promise<T> {
    await enforce(method, route, opts)
    // OVH lists every task of the account: ask it for each of the caller's domains instead.
    if (method === 'GET' && route === TASKS && typeof opts?.query?.domain !== 'string') return await tasksOfVisible(opts ?? {}) as T
    return await learn(route, opts, await client.request<T>(method, route, opts)) as T
  }

  return {
    request,
    get: (route, opts) => request('GET', route, opts),
    post: (route, opts) => request('POST', route, opts),
    put: (route, opts) => request('PUT', route, opts),
    delete: (route, opts) => request('DELETE', route, opts),
    batchCalls: client.batchCalls,
    async getBatch<T> (route: string, ids: readonly string[], opts?: Omit<OvhRequestOptions, 'body'>): Promise<BatchResult<T>> {
      // The route's last placeholder receives each id (ovh/client.ts): check each as a single read.
      const placeholder = [...route.matchAll(/\{(\w+)\}/g)].at(-1)?.[1]
      const paramsOf = (id: string): PathParams => ({ ...opts?.params, ...(placeholder ? { [placeholder]: id } : {}) })
      const verdicts = await Promise.all(ids.map(id => verdict('GET', route, paramsOf(id), opts?.query)))
      // A route refused as a whole is refused for the batch; a name of another customer is not found.
      const refused = verdicts.indexOf('forbidden')
      if (refused !== -1) await enforce('GET', route, { ...opts, params: paramsOf(ids[refused]) })
      const readable = ids.filter((_id, index) => verdicts[index] === 'ok')
      const result: BatchResult<T> = readable.length > 0 ? await client.getBatch<T>(route, readable, opts) : new Map()
      for (const [index, id] of ids.entries()) {
        if (verdicts[index] === 'notFound') result.set(id, { ok: false, error: notFoundError('GET', route) })
        else if (route === '/domain/{serviceName}/serviceInfos') {
          const item = result.get(id)
          if (item?.ok) await learn(route, opts, item.value)
        }
      }
      return result
    }
  }
}
