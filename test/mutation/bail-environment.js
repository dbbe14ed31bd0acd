/**
 * Jest's node environment that, during one Stryker mutant run, skips every test after the first
 * failure. Jest cannot bail within a file programmatically, so without this every test that covers
 * a mutant runs even once the mutant is killed; with it a killed mutant costs its first failing
 * test. Only mutant runs bail (Stryker names the active mutant in an environment variable): the
 * initial run, which measures coverage, runs everything.
 */
const { TestEnvironment } = require('jest-environment-node');

const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';
/** the mutant under which a test failed; the environment module lives for the whole jest process */
let killed;

class BailEnvironment extends TestEnvironment {
	async handleTestEvent(event) {
		const mutant = process.env[ACTIVE_MUTANT];
		if (mutant === undefined) return;
		if ((event.name === 'test_done' && event.test.errors.length > 0) || event.name === 'hook_failure') killed = mutant;
		if (killed !== mutant) return;
		if (event.name === 'test_start') event.test.mode = 'skip';
		if (event.name === 'run_describe_start') event.describeBlock.mode = 'skip';
	}
}

module.exports = BailEnvironment;
