// OVH API v1 endpoint table and base-URL resolution (docs/OVH-API.md 1).
export const OVH_ENDPOINTS = {
  'ovh-eu': 'https://eu.api.ovh.com/1.0',
  'ovh-ca': 'https://ca.api.ovh.com/1.0',
  'ovh-us': 'https://api.us.ovhcloud.com/1.0'
} as const

export type OvhEndpointName = keyof typeof OVH_ENDPOINTS

export function isKnownEndpoint (name: string): name is OvhEndpointName {
  return Object.hasOwn(OVH_ENDPOINTS, name)
}

// Returns the base URL without a trailing slash. Any http(s) URL is accepted so the
// gateway can point at its own sandbox or a test server; the URL is normalised by
// WHATWG URL because the exact text is part of every signature (docs 2.3).
export function resolveEndpoint (nameOrUrl: string): string {
  if (isKnownEndpoint(nameOrUrl)) return OVH_ENDPOINTS[nameOrUrl]
  const known = Object.keys(OVH_ENDPOINTS).join(', ')
  let url: URL
  try {
    url = new URL(nameOrUrl)
  } catch {
    throw new Error(`Unknown OVH endpoint "${nameOrUrl}": use one of ${known} or an http(s) URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Unsupported OVH endpoint protocol "${url.protocol}": use one of ${known} or an http(s) URL`)
  }
  // Credentials, queries and fragments in a base URL would end up inside signed URLs.
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new Error('An OVH endpoint URL must not carry credentials, a query string or a fragment')
  }
  return (url.origin + url.pathname).replace(/\/+$/, '')
}
