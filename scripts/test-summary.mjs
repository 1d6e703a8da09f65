// Prints one closing line over the JSON reports the test runs leave in test-results/: "tests: N passed, N failed".
import fs from 'node:fs';

let passed = 0;
let failed = 0;
for (const file of ['test-results/api.json', 'test-results/e2e-desktop.json', 'test-results/e2e-phone.json']) {
  if (!fs.existsSync(file)) continue;
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
}
console.log(`tests: ${passed} passed, ${failed} failed`);
