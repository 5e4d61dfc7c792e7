// A real headless Chromium for the browser tests, driven by playwright-core: the system's own
// Chromium (no browser download), in a fresh profile that is removed afterwards. A machine without
// one gets the reason to skip, naming what to install.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import type { Teardown } from './database.js'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Why the browser tests cannot run here, or null when they can. */
export function missingBrowser (): string | null {
  if (!existsSync(chromiumPath)) return `no Chromium at ${chromiumPath}: apt-get install chromium (or set CHROMIUM_PATH), see docs/development.md`
  return null
}

// No network of its own (updates, sync, QUIC), no GPU, no sandbox (tests run as root in containers).
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/**
 * A browser context in a fresh temporary profile. Playwright takes the profile as userDataDir (it
 * refuses --user-data-dir among the args); closed and removed when the test ends.
 */
export async function launchBrowser (t: Teardown): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core')
  const profile = await mkdtemp(join(tmpdir(), 'gateway-chromium-'))
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: ARGS, timeout: 60_000 })
  t.teardown(async () => {
    await context.close()
    await rm(profile, { recursive: true, force: true })
  })
  return context
}
