// @ts-check
/**
 * Mutation testing of the code that guards money and secrets: `npm run test:mutation`.
 * StrykerJS 9 (10 needs Node 22) with its jest runner and per-test coverage, so each mutant runs
 * only the tests that reach it, and stops at the first that fails (test/mutation/bail-environment.js).
 * Waits in the transport go through an injectable clock; the tests that drive retries use a
 * virtual one, so no mutant waits out real backoff.
 */

/** The files whose behaviour the tests must pin, each at 90 % or more (test/mutation/report.js). */
const mutate = [
	'nodes/Glomo/transport/*.ts',
	'nodes/Glomo/helpers/errors.ts',
	'nodes/Glomo/helpers/redact.ts',
	'nodes/Glomo/helpers/environment.ts',
	'nodes/Glomo/helpers/connection.ts',
	'nodes/Glomo/helpers/params.ts',
	'nodes/Glomo/helpers/amounts.ts',
	'nodes/Glomo/helpers/json.ts',
	'nodes/Glomo/helpers/list.ts',
	'nodes/Glomo/helpers/concurrency.ts',
	'nodes/Glomo/helpers/requestId.ts',
	'nodes/Glomo/helpers/multipart.ts',
	'nodes/Glomo/actions/paymentLink/rules.ts',
	'nodes/Glomo/actions/refund/rules.ts',
	'nodes/Glomo/actions/payment/card.ts',
	'nodes/GlomoTrigger/signature.ts',
	'nodes/GlomoTrigger/webhook.ts',
];

// the webhook fuzz test runs again for every mutant of the trigger that survives the other tests:
// 500 random requests each time rather than 3000 (the suite's own run keeps 3000)
process.env.GLOMO_FUZZ_ROUNDS ??= '500';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	packageManager: 'npm',
	testRunner: 'jest',
	jest: { configFile: 'jest.mutation.config.js', enableFindRelatedTests: false },
	coverageAnalysis: 'perTest',
	mutate: process.env.MUTATE ? process.env.MUTATE.split(',') : mutate,
	// the n8n runtime (2.3 GB) and build output are not needed in Stryker's sandbox copy
	ignorePatterns: ['.n8n-runtime', 'dist', 'reports', 'coverage', 'test-output', '.n8n-local'],
	concurrency: 2,
	// a mutant can leave a request's rejection unhandled (say, a race over no promises): the test then
	// times out and the mutant counts as detected, instead of the rejection killing jest's process
	testRunnerNodeArgs: ['--unhandled-rejections=warn'],
	timeoutMS: 10_000,
	reporters: ['clear-text', 'progress', 'html', 'json'],
	clearTextReporter: { allowColor: false, reportTests: false, reportMutants: true, reportScoreTable: true },
	htmlReporter: { fileName: 'reports/mutation/index.html' },
	jsonReporter: { fileName: 'reports/mutation/mutation.json' },
	thresholds: { high: 95, low: 90, break: 90 },
	tempDirName: '.stryker-tmp',
	cleanTempDir: 'always',
};
