// Lint for what n8n installs: nodes/, credentials/ and package.json, with the two rule sets n8n
// uses: eslint-plugin-n8n-nodes-base (community, credentials, nodes) and
// @n8n/eslint-plugin-community-nodes (what n8n's verification scanner runs).
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const parser = {
	parser: tsParser,
	sourceType: 'module',
	ecmaVersion: 'latest',
	parserOptions: { extraFileExtensions: ['.json'] },
};
const base = { 'n8n-nodes-base': n8nNodesBase };

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', '.n8n-local/**', '*.js', '*.mjs'] },
	{
		files: ['package.json'],
		languageOptions: parser,
		plugins: base,
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: parser,
		plugins: base,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// our docs live on docs.glomopay.com, not on n8n's site
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: parser,
		plugins: base,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// these two still ask for the string 'main'; n8n now wants NodeConnectionTypes.Main,
			// which @n8n/community-nodes/node-connection-type-literal enforces
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		...n8nCommunityNodesPlugin.configs.recommended,
		files: ['package.json', 'nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: parser,
	},
];
