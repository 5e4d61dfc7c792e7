// Markdown tables: what the benchmark prints is what goes into BENCHMARKS.md, unedited.

/** Columns are right-aligned (numbers) except the first, unless `align` says otherwise ('l' or 'r'). */
export function markdownTable (header: readonly string[], rows: ReadonlyArray<readonly string[]>, align?: ReadonlyArray<'l' | 'r'>): string {
  const left = (column: number): boolean => (align?.[column] ?? (column === 0 ? 'l' : 'r')) === 'l'
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => (row[column] ?? '').length)))
  const line = (cells: readonly string[]): string =>
    '| ' + cells.map((cell, column) => left(column) ? cell.padEnd(widths[column]) : cell.padStart(widths[column])).join(' | ') + ' |'
  const rule = '|' + widths.map((width, column) => left(column) ? '-'.repeat(width + 2) : '-'.repeat(width + 1) + ':').join('|') + '|'
  return [line(header), rule, ...rows.map(line)].join('\n')
}
