// Every OVH area the sandbox serves. A new area file is added here (and gets conformance examples).
import type { SandboxArea } from '../http/route.js'
import { authArea } from './auth.js'
import { dnsArea } from './dns.js'
import { domainArea } from './domain.js'
import { domainTasksArea } from './domain-tasks.js'

export const SANDBOX_AREAS: readonly SandboxArea[] = [authArea, domainArea, domainTasksArea, dnsArea]
