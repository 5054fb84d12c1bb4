#!/usr/bin/env node
// Validates electron-builder.yml with electron-builder's own schema validator, offline, in about a second
// (there is no validate-only CLI flag, and a real build needs internet). Exit 1 with the validator's message
// on a bad config. Usage: node scripts/check-builder-config.mjs [path/to/config.yml]
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config')
const { DebugLogger } = require('builder-util')

try {
  const config = await getConfig(process.cwd(), process.argv[2] ?? null, null)
  await validateConfiguration(config, new DebugLogger(false))
  console.log('electron-builder config OK')
} catch (e) {
  console.error(`electron-builder config INVALID: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
}
