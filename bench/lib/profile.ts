// Reads a V8 CPU profile (node --cpu-prof) and says where the time went: self time by package,
// and time with each of our own source files on the stack (inclusive), as markdown tables.
import { readFile } from 'node:fs/promises'
import { markdownTable } from './table.js'

interface ProfileNode {
  id: number
  callFrame: { functionName: string, url: string, lineNumber: number }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const TOP = 15

/** 'fastify', '@prisma/client', 'node:internal', 'src/tenancy/api-keys', '(garbage collector)'... */
export function ownerOf (url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)'
  const modules = url.lastIndexOf('/node_modules/')
  if (modules >= 0) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/')
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]
  }
  if (url.startsWith('node:')) return 'node (built-ins)'
  const source = /\/((?:src|bench)\/.+?)\.(?:js|ts)$/.exec(url)
  if (source) return source[1].replace(/^src\/generated\/.*/, 'src/generated (Prisma client)')
  return url
}

export async function summariseProfile (file: string, log: (line: string) => void): Promise<string> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map(node => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)

  const self = new Map<string, number>()
  const selfFunctions = new Map<string, number>()
  const inclusive = new Map<string, number>()
  let total = 0
  let idle = 0
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0
    const node = byId.get(id)
    if (node === undefined) return
    const frame = node.callFrame
    if (frame.functionName === '(idle)') {
      idle += delta
      return
    }
    total += delta
    const owner = ownerOf(frame.url, frame.functionName)
    self.set(owner, (self.get(owner) ?? 0) + delta)
    const fn = `${frame.functionName || '(anonymous)'} ${owner}:${frame.lineNumber + 1}`
    selfFunctions.set(fn, (selfFunctions.get(fn) ?? 0) + delta)
    // Each of our files counts once per sample, however deep it recurses.
    const seen = new Set<string>()
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const at = byId.get(current)!.callFrame
      const name = ownerOf(at.url, at.functionName)
      if (name.startsWith('src/') && !name.startsWith('src/generated')) seen.add(name)
    }
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + delta)
  })

  const pct = (value: number): string => `${(value / total * 100).toFixed(1)}%`
  const top = (map: Map<string, number>): Array<[string, number]> => [...map].sort((a, b) => b[1] - a[1]).slice(0, TOP)
  log(`CPU profile ${file}: ${(total / 1e6).toFixed(1)} s busy, ${(idle / 1e6).toFixed(1)} s idle`)
  return [
    `CPU profile of the gateway process over the whole run (${(total / 1e6).toFixed(1)} s on CPU, ${(idle / 1e6).toFixed(1)} s idle; file \`${file}\`).`,
    markdownTable(['self time by package / file', 'share of CPU'], top(self).map(([name, value]) => [name, pct(value)])),
    markdownTable(['our file on the stack (inclusive)', 'share of CPU'], top(inclusive).map(([name, value]) => [name, pct(value)])),
    markdownTable(['hottest functions (self)', 'share of CPU'], top(selfFunctions).map(([name, value]) => [name, pct(value)]))
  ].join('\n\n')
}
