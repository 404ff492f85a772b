/** Each operation lives in the file its value names: `operation: 'search'` is account/search.operation.ts. */
import fs from 'node:fs';
import path from 'node:path';

import * as account from '../../nodes/AtlassianUserProvisioning/actions/account';
import * as group from '../../nodes/AtlassianUserProvisioning/actions/group';
import * as user from '../../nodes/AtlassianUserProvisioning/actions/user';

const ACTIONS = path.resolve(__dirname, '..', '..', 'nodes', 'AtlassianUserProvisioning', 'actions');

describe.each([
	['account', account],
	['group', group],
	['user', user],
])('%s', (resource, module) => {
	test('its operation values, its *.operation.ts files and the Operation options are the same list', () => {
		const files = fs.readdirSync(path.join(ACTIONS, resource)).filter((f) => f.endsWith('.operation.ts')).map((f) => f.replace(/\.operation\.ts$/, ''));
		const operation = module.description.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource));
		const values = (operation?.options as Array<{ value: string }>).map((o) => o.value);
		expect(Object.keys(module.operations).sort()).toEqual(files.sort());
		expect(values.sort()).toEqual(files.sort());
	});

	test('each operation value runs the code of its own file', () => {
		for (const [value, code] of Object.entries(module.operations)) {
			expect(code).toBe(jest.requireActual(path.join(ACTIONS, resource, `${value}.operation`)));
		}
	});
});
