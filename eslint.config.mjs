// The configuration n8n's community-package scanner (@n8n/scan-community-package) builds, rule for rule:
// @n8n/eslint-plugin-community-nodes (recommended) everywhere, no-console, and eslint-plugin-n8n-nodes-base's
// community (package.json), credentials and nodes rule sets with n8n's own overrides. `npm run lint` applies it to
// the sources; scripts/lint-tarball.js applies it to what `npm pack` publishes.
import tsParser from '@typescript-eslint/parser';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

export const scanConfig = [
	communityNodes.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
	{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
];

export default [{ ignores: ['node_modules/**', 'dist/**', '.dev/**', '.cache/**', '**/package-lock.json'] }, ...scanConfig];
