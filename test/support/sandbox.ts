// Shapes the sandbox's OVH account for a test (a bigger portfolio), the way a seed would.
import type { Sandbox } from '../../src/sandbox/index.js'

/** Adds `count` domains (copies of a seeded one) to an account; returns their names. */
export function addDomains (sandbox: Sandbox, account: string, count: number, prefix = 'bulk'): string[] {
  const domains = sandbox.state.accounts[account].domains
  const model = Object.values(domains)[0]
  const names: string[] = []
  for (let i = 0; i < count; i++) {
    const name = `${prefix}-${String(i).padStart(3, '0')}.com`
    domains[name] = structuredClone({ ...model, domain: name, serviceId: model.serviceId + 10_000 + i, iamId: `${model.iamId.slice(0, -4)}${String(i).padStart(4, '0')}` })
    names.push(name)
  }
  return names
}

export function lastCallId (sandbox: Sandbox): number {
  return sandbox.admin.calls().at(-1)?.id ?? 0
}
