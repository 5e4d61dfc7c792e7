// Files the tests read, from the package root rather than from the test file: the tests run
// compiled, from .test-build/test/ (scripts/test-build.ts), where a path relative to the file
// would miss.
import path from 'node:path'
import { packageRoot } from '../../src/paths.js'

export const fromRoot = (...parts: string[]): string => path.join(packageRoot, ...parts)
