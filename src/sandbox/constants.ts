// Fixed, documented demo credentials and limits of the sandbox (a simulator: these are not secrets).

export const DEMO_ACCOUNT = 'demo-ovh'
export const DEMO_APPLICATION_KEY = 'sandboxDemoAppK1'
export const DEMO_APPLICATION_SECRET = 'sandboxDemoApplicationSecret0001'
// Validated, unlimited, rules GET/POST/PUT/DELETE '/*', bound to DEMO_ACCOUNT.
export const DEMO_CONSUMER_KEY = 'sandboxDemoConsumerKeyValidated1'

// OVH does not document its allowed clock skew (docs/OVH-API.md 2.4, 17); "a few minutes" either way.
export const TIMESTAMP_WINDOW_SECONDS = 180

// SANDBOX_EXTRA_DOMAINS: twice the largest benchmark (100,000), which bounds the memory (about
// 0.8 KB a domain) that a configuration value can claim.
export const MAX_EXTRA_DOMAINS = 200_000

// OVH's control panel never sends more than 50 ids in one batch read (docs/OVH-API.md 15b).
export const BATCH_LIMIT = 50

// Validity choices on the credential validation page, in seconds (0 = unlimited).
export const VALIDITY_CHOICES: ReadonlyArray<{ seconds: number, label: string }> = [
  { seconds: 3600, label: '1 hour' },
  { seconds: 86_400, label: '1 day' },
  { seconds: 30 * 86_400, label: '30 days' },
  { seconds: 0, label: 'Unlimited' }
]
