// What the consumer-key callback tells the browser: the outcome added to the tenant's return page
// (a redirect), or a plain page of its own when the tenant set none.

export interface CallbackOutcome {
  // The credential's state as the API names it, or `unchecked` when OVH could not be asked.
  state: string
  // The coded error of a failed check (UPSTREAM_UNAVAILABLE...).
  error?: string
}

const MESSAGES: Record<string, string> = {
  validated: 'Your OVH consumer key is validated. You can close this window.',
  // OVH answers a refused key as it answers one not approved yet: both come back as pending.
  pendingValidation: 'Your OVH consumer key is not validated (it was refused, or not approved yet).',
  refused: 'The OVH consumer key was refused.',
  expired: 'This OVH consumer key has expired.',
  revoked: 'This OVH consumer key was replaced or revoked.',
  unchecked: 'OVH could not be asked about your consumer key just now. Reload this page in a moment.'
}

/** The return page with credentialId, userId and outcome (and error) set in its query, its own parameters kept. */
export function returnLocation (returnUrl: string, ids: { credentialId: string, userId: string }, outcome: CallbackOutcome): string {
  const url = new URL(returnUrl)
  url.searchParams.set('credentialId', ids.credentialId)
  url.searchParams.set('userId', ids.userId)
  url.searchParams.set('outcome', outcome.state)
  if (outcome.error !== undefined) url.searchParams.set('error', outcome.error)
  return url.toString()
}

/** The plain page; every text is one of ours, so nothing needs escaping. */
export function callbackPage (outcome: CallbackOutcome): string {
  const message = MESSAGES[outcome.state] ?? 'The OVH consumer key is in an unknown state.'
  return `<!doctype html><html><head><meta charset="utf-8"><title>OVH consumer key</title></head><body><p id="outcome" data-outcome="${outcome.state}">${message}</p></body></html>`
}
