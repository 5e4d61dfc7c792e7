// Every relative link of the README and docs/ leads somewhere: to a file of the repository and, with
// an anchor, to a heading of that page (GitHub's anchors: lower case, punctuation dropped, spaces
// as dashes). Moving a section breaks the links to it; this names them.
import t from 'tap'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { packageRoot } from '../../src/paths.js'

function anchors (markdown: string): Set<string> {
  const found = new Set<string>()
  let fenced = false
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced
    const heading = !fenced && /^#{1,6} (.*)$/.exec(line)
    if (heading) found.add(heading[1].trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-'))
  }
  return found
}

t.test('the links of the README and docs/ resolve', async t => {
  const pages = ['README.md', ...(await readdir(path.join(packageRoot, 'docs'))).filter(name => name.endsWith('.md')).map(name => `docs/${name}`)]
  let count = 0
  for (const page of pages) {
    const text = (await readFile(path.join(packageRoot, page), 'utf8')).replace(/^```[\s\S]*?^```/gm, '')
    for (const [, href] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(href)) continue
      count++
      const [file, anchor] = href.split('#')
      const target = file ? path.join(packageRoot, path.dirname(page), file) : path.join(packageRoot, page)
      if (!existsSync(target)) {
        t.fail(`${page}: ${href} (no such file)`)
        continue
      }
      if (anchor && target.endsWith('.md')) {
        t.ok(anchors(await readFile(target, 'utf8')).has(anchor), `${page}: ${href}`)
      }
    }
  }
  t.ok(count > 20, `${count} links`)
})
