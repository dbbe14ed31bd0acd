/**
 * Jest as StrykerJS runs it (stryker.config.mjs): the unit suites gathered in one file, in a node
 * environment that stops a mutant's run at its first failing test.
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	// an absolute path: Stryker resolves the environment itself, without <rootDir>
	testEnvironment: require('node:path').join(__dirname, 'test/mutation/bail-environment.js'),
	testMatch: ['<rootDir>/test/mutation/suites.ts'],
	reporters: ['default'],
};
