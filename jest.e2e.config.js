/** End-to-end suite: real n8n 2.8.4 (from .n8n-runtime/), the built package, the local sandbox. */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
	setupFilesAfterEnv: [],
	maxWorkers: 1,
	// n8n installs on first use (minutes) and starts in seconds
	testTimeout: 600000,
};
