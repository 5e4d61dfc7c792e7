// Reads the runnable examples out of the README and docs/*.md: every ```graphql block, and every
// `curl` command of a ```sh block that calls the gateway on localhost:3000. test/app/docs-examples
// runs them, as written, against the demo data.
import { parse, type OperationDefinitionNode } from 'graphql'

export interface GraphQLExample {
  kind: 'graphql'
  line: number
  query: string
  // The operations to run, in order: one unnamed operation, or each named one.
  operations: Array<string | undefined>
  // `# -> error CODE` in the block: the first operation must fail with that code.
  expectError?: string
  // `# variables: {...}` in the block: the variables its operations take.
  variables?: Record<string, unknown>
  // Variables the block's operations need and it does not give (a value a reader copies from an
  // earlier answer): such a block is validated against the schema but not run.
  missingVariables: string[]
}

export interface HttpExample {
  kind: 'http'
  line: number
  command: string
  method: string
  url: string
  headers: Record<string, string>
  body?: string
  // `# -> 404` at the end of the command: the status it must answer; else any 2xx.
  expectStatus?: number
}

export type DocExample = GraphQLExample | HttpExample

// What a shell would make of a command line, for the subset the docs use: words, '...' and "..."
// quoting, and $NAME expansion outside single quotes. No shell library is needed for that much,
// and running a real shell would need curl and a listening gateway.
export function shellWords (command: string, variables: Record<string, string>): string[] {
  const words: string[] = []
  let word: string | null = null
  let quote: '"' | "'" | null = null
  const expand = (text: string): string => text.replace(/\$\{?([A-Z_][A-Z0-9_]*)\}?/g, (_, name: string) => {
    if (!(name in variables)) throw new Error(`$${name} is not defined in the docs' set-up`)
    return variables[name]
  })
  for (let i = 0; i < command.length; i++) {
    const char = command[i]
    if (quote) {
      if (char === quote) { quote = null; continue }
      if (quote === '"' && char === '$') {
        const match = /^\$\{?[A-Z_][A-Z0-9_]*\}?/.exec(command.slice(i))!
        word += expand(match[0])
        i += match[0].length - 1
        continue
      }
      word += char
      continue
    }
    if (char === "'" || char === '"') { quote = char; word ??= ''; continue }
    if (char === ' ' || char === '\t') {
      if (word !== null) words.push(word)
      word = null
      continue
    }
    if (char === '#' && word === null) break
    if (char === '$') {
      const match = /^\$\{?[A-Z_][A-Z0-9_]*\}?/.exec(command.slice(i))
      if (match) { word = (word ?? '') + expand(match[0]); i += match[0].length - 1; continue }
    }
    word = (word ?? '') + char
  }
  if (quote) throw new Error(`unclosed quote in: ${command}`)
  if (word !== null) words.push(word)
  return words
}

function httpExample (command: string, line: number, variables: Record<string, string>): HttpExample {
  const expected = /#\s*->\s*(\d{3})\b/.exec(command)
  const words = shellWords(command, variables)
  const example: HttpExample = { kind: 'http', line, command, method: 'GET', url: '', headers: {} }
  for (let i = 1; i < words.length; i++) {
    const word = words[i]
    if (word === '-s' || word === '-i' || word === '-sS' || word === '-f') continue
    if (word === '>' || word === '-o') { i++; continue }
    if (word === '-X') { example.method = words[++i]; continue }
    if (word === '-H') {
      const header = words[++i]
      const colon = header.indexOf(':')
      example.headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim()
      continue
    }
    if (word === '-d' || word === '--data') {
      example.body = words[++i]
      if (example.method === 'GET') example.method = 'POST'
      continue
    }
    const url = /^(?:https?:\/\/)?localhost:3000(\/.*)$/.exec(word)
    if (url) { example.url = url[1]; continue }
    throw new Error(`line ${line}: the docs' curl runner does not know ${word}`)
  }
  if (!example.url) throw new Error(`line ${line}: no localhost:3000 URL in: ${command}`)
  if (expected) example.expectStatus = Number(expected[1])
  return example
}

function graphqlExample (query: string, line: number): GraphQLExample {
  const operations = parse(query).definitions
    .filter((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition')
  if (operations.length > 1 && operations.some(operation => !operation.name)) {
    throw new Error(`line ${line}: a block with several operations must name each one`)
  }
  const expected = /#\s*->\s*error\s+([A-Z_]+)/.exec(query)
  const given = /#\s*variables:\s*(\{.*\})\s*$/m.exec(query)
  const variables = given ? JSON.parse(given[1]) as Record<string, unknown> : {}
  const missingVariables = operations.flatMap(operation => operation.variableDefinitions ?? [])
    .filter(definition => definition.type.kind === 'NonNullType' && definition.defaultValue === undefined && !(definition.variable.name.value in variables))
    .map(definition => definition.variable.name.value)
  return {
    kind: 'graphql',
    line,
    query,
    operations: operations.length > 1 ? operations.map(operation => operation.name!.value) : [undefined],
    ...(expected ? { expectError: expected[1] } : {}),
    ...(given ? { variables } : {}),
    missingVariables
  }
}

/** The examples of one markdown text, in the order they appear. */
export function docExamples (markdown: string, variables: Record<string, string>): DocExample[] {
  const examples: DocExample[] = []
  const fence = /^```(\w*)\n([\s\S]*?)^```/gm
  for (const match of markdown.matchAll(fence)) {
    const line = markdown.slice(0, match.index).split('\n').length
    const [, lang, body] = match
    if (lang === 'graphql') examples.push(graphqlExample(body, line))
    if (lang !== 'sh') continue
    const commands = body.replace(/\\\n\s*/g, ' ').split('\n')
    commands.forEach((command, index) => {
      if (/^curl\s.*localhost:3000/.test(command.trim())) examples.push(httpExample(command.trim(), line + 1 + index, variables))
    })
  }
  return examples
}
