/** End-to-end suite: real n8n 2.8.4 (from .n8n-runtime/), the built package, the local sandbox. */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
	},
	roots: ['<rootDir>/test'],
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
	maxWorkers: 1,
	// n8n installs on first use (minutes) and starts in tens of seconds
	testTimeout: 600000,
	reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
};
