// Prints the plain closing line CI reads ("tests: N passed, N failed") and keeps it in a file
// so .ci/run can repeat it as its very last line.
const fs = require('fs');
const path = require('path');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `tests: ${results.numPassedTests} passed, ${failed} failed`;
    fs.writeFileSync(path.join(__dirname, '..', '..', '.jest-summary'), line + '\n');
    process.stdout.write(`\n${line}\n`);
  }
}

module.exports = SummaryReporter;
