// An account's name prefix, apart from seed/accounts.ts so the seeds it calls can use it (no cycle).
// 'demo-ovh' -> 'demo', 'ab12345-ovh' -> 'ab12345': the prefix of the account's domain names.
export function slugOf (nic: string): string {
  return nic.toLowerCase().replace(/-ovh$/, '').replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'account'
}
