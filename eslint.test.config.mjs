// A lighter lint for test/: TypeScript syntax plus guards against tests that silently stop running.
import tsParser from '@typescript-eslint/parser';

export default [
	{
		files: ['test/**/*.ts', 'test/**/*.mjs'],
		languageOptions: { parser: tsParser, sourceType: 'module', ecmaVersion: 'latest' },
		rules: {
			'no-debugger': 'error',
			'no-restricted-properties': [
				'error',
				...['describe', 'it', 'test'].flatMap((object) =>
					['only', 'skip'].map((property) => ({ object, property, message: 'Focused or skipped tests hide failures.' })),
				),
			],
			'no-restricted-globals': ['error', 'fdescribe', 'fit', 'xdescribe', 'xit', 'xtest'],
		},
	},
];
