// `npm run lint` (eslint .) applies two configurations:
//
// - scanConfig, to what ships (nodes/, credentials/, package.json): the configuration n8n's community-package
//   scanner (@n8n/scan-community-package) builds, rule for rule: @n8n/eslint-plugin-community-nodes (recommended)
//   everywhere, no-console, and eslint-plugin-n8n-nodes-base's community (package.json), credentials and nodes rule
//   sets with n8n's own overrides. scripts/lint-tarball.js applies it to what `npm pack` publishes, and
//   scripts/lint-n8n-node.js runs `n8n-node lint` (@n8n/node-cli, with its unmodified template config) on the same
//   sources.
// - devConfig, to the code that does not ship (test/, test-e2e/, sandbox/, scripts/, bench/ and the root .js
//   configs): ESLint's and typescript-eslint's recommended rules. The node rules do not fit there: tests, the
//   sandbox and the scripts are Node.js programs that may use `process`, timers, `console` and any module.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const SHIPPED = ['nodes/**', 'credentials/**', 'package.json'];

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
	{ files: ['**/*.json'], languageOptions: { parser: tseslint.parser } },
	{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
];

const nodeGlobals = {
	require: 'readonly',
	module: 'writable',
	exports: 'writable',
	__dirname: 'readonly',
	__filename: 'readonly',
	process: 'readonly',
	console: 'readonly',
	Buffer: 'readonly',
	URL: 'readonly',
	fetch: 'readonly',
	setTimeout: 'readonly',
	clearTimeout: 'readonly',
	setInterval: 'readonly',
	clearInterval: 'readonly',
	setImmediate: 'readonly',
};

export const devConfig = [
	{ files: ['**/*.{js,mjs,cjs}'], ...js.configs.recommended },
	{ files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: nodeGlobals } },
	...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
	{
		files: ['**/*.ts'],
		rules: {
			// Tests read n8n's run data and SCIM bodies, whose shapes are asserted, not typed.
			'@typescript-eslint/no-explicit-any': 'off',
			// `_name` marks a parameter or a destructured field that is left out on purpose.
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
		},
	},
];

// What does not ship: linted with devConfig only.
const NOT_SHIPPED = ['test/**', 'test-e2e/**', 'sandbox/**', 'scripts/**', 'bench/**', '*.js', '*.mjs'];

export default [
	{
		ignores: ['node_modules/**', 'dist/**', '.dev/**', '.cache/**', 'coverage/**', 'examples/**', '**/package-lock.json', 'tsconfig*.json', 'scripts/e2e/runtime/**'],
	},
	...scanConfig.map((config) => ({ ...config, files: config.files ?? SHIPPED, ignores: NOT_SHIPPED })),
	...devConfig.map((config) => ({ ...config, ignores: SHIPPED })),
];
