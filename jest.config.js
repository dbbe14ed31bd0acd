/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	transform: {
		// isolatedModules (tsconfig.test.json): each file is transpiled alone, as types are checked by
		// npm run typecheck; a test file loads in a third of the time
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
	},
	roots: ['<rootDir>/test'],
	testMatch: ['<rootDir>/test/**/*.test.ts'],
	// one worker per core is plenty on a 2-core machine; tests start their own loopback servers
	maxWorkers: 2,
	testTimeout: 60000,
	reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
	setupFilesAfterEnv: ['<rootDir>/test/harness/teardown.ts'],
};
