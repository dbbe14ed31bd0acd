// Prints jest's totals as one plain line ("N passed, N failed, N skipped") at the end of a run, so
// CI logs and scripts can read the result without parsing jest's own summary.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites } = results;
		const failed = numFailedTests + numRuntimeErrorTestSuites;
		process.stdout.write(`\njest: ${numPassedTests} passed, ${failed} failed, ${numPendingTests + numTodoTests} skipped\n`);
	}
}
module.exports = SummaryReporter;
