#!/usr/bin/env node
// Prints the plain closing line CI reads ("N passed, N failed[, N skipped]") from Vitest's JSON report,
// and exits non-zero when anything failed or the test command itself failed.
import { existsSync, readFileSync } from 'node:fs';

const [reportPath = '.vitest-report.json', commandStatus = '0'] = process.argv.slice(2);
if (!existsSync(reportPath)) {
  console.log('The test command failed before any test ran (install, build or type-check).');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const passed = report.numPassedTests ?? 0;
let failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
// A suite that failed to load has no failing test inside it; count it as one failure.
failed += (report.testResults ?? []).filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
if (commandStatus !== '0' && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
