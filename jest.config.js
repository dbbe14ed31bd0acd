/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
	},
	roots: ['<rootDir>/test'],
	testMatch: ['<rootDir>/test/**/*.test.ts'],
	// one worker per core is plenty on a 2-core machine; tests start their own loopback servers
	maxWorkers: 2,
	testTimeout: 60000,
	reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
	setupFilesAfterEnv: ['<rootDir>/test/harness/teardown.ts'],
};
