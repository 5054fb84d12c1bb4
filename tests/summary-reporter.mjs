// Counts every test Vitest ran and (a) prints the plain closing line CI reads, (b) appends the counts to
// $QRC_TEST_COUNTS so scripts/test-all.mjs can add up all suites into one closing line.
import { appendFileSync } from 'node:fs'

export default class SummaryReporter {
  onTestRunEnd(testModules) {
    const counts = { passed: 0, failed: 0, skipped: 0 }
    const visit = (collection) => {
      for (const test of collection.allTests()) {
        const state = test.result().state
        if (state === 'passed') counts.passed++
        else if (state === 'failed') counts.failed++
        else counts.skipped++
      }
    }
    for (const m of testModules) {
      visit(m.children)
      // a module that failed to load has no tests but is a failure
      if (m.state() === 'failed' && m.children.size === 0) counts.failed++
    }
    if (process.env.QRC_TEST_COUNTS) appendFileSync(process.env.QRC_TEST_COUNTS, JSON.stringify(counts) + '\n')
    console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`)
  }
}
