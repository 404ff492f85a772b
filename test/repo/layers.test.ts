/**
 * The layers of nodes/AtlassianUserProvisioning, each importing only from the layers below it:
 *
 *   node files (*.node.ts)
 *     → actions/ (the router, then one folder per resource) · trigger/ · methods/
 *       → models/ (the SCIM user model shared by resources and the trigger)
 *         → helpers/ (editor fields, validation, output shapes)
 *           → transport/ (URLs, the client, paging, errors)
 *
 * Within a layer a file imports only from its own folder: one resource never imports another, the trigger and
 * the methods import no action. Two joins are allowed: the router (actions/router.ts) dispatches to each
 * resource's index, and every resource uses the operation contract in actions/types.ts.
 */
import fs from 'node:fs';
import path from 'node:path';

const NODE_DIR = path.resolve(__dirname, '..', '..', 'nodes', 'AtlassianUserProvisioning');

const RANK: Record<string, number> = { node: 5, actions: 4, trigger: 4, methods: 4, models: 3, helpers: 2, transport: 1 };

/** The folder a file belongs to: `node`, `transport`, … and for actions the resource (`actions/user`) or `actions`. */
export function unitOf(file: string): string {
	const parts = file.split('/');
	if (parts.length === 1) return 'node';
	if (parts[0] === 'actions' && parts.length > 2) return `actions/${parts[1]}`;
	return parts[0];
}

function rankOf(unit: string): number {
	const rank = RANK[unit.split('/')[0]];
	if (rank === undefined) throw new Error(`No layer is defined for the folder "${unit}": add it to RANK and to the comment above`);
	return rank;
}

/** Why an import from `from` to `to` (paths relative to the node folder, without extension) breaks the layers, or undefined. */
export function sideways(from: string, to: string): string | undefined {
	const a = unitOf(from);
	const b = unitOf(to);
	if (a === b) return undefined;
	if (from === 'actions/router' && b.startsWith('actions/') && to.endsWith('/index')) return undefined;
	if (a.startsWith('actions/') && to === 'actions/types') return undefined;
	if (rankOf(b) < rankOf(a)) return undefined;
	return `${from} imports ${to}: ${a} may not import ${b}`;
}

/** The relative module specifiers a TypeScript file imports, re-exports or requires. */
export function importsOf(source: string): string[] {
	const found: string[] = [];
	const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
	for (let match = pattern.exec(source); match; match = pattern.exec(source)) found.push(match[1]);
	return found;
}

function tsFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return tsFiles(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

/** The module an import names, as a path relative to the node folder without extension (`actions/user/index`). */
function resolved(file: string, specifier: string): string {
	const target = path.resolve(path.dirname(file), specifier);
	const asIndex = fs.existsSync(path.join(target, 'index.ts'));
	return path.relative(NODE_DIR, asIndex ? path.join(target, 'index') : target).split(path.sep).join('/');
}

function violations(): string[] {
	const found: string[] = [];
	for (const file of tsFiles(NODE_DIR)) {
		const from = path.relative(NODE_DIR, file).replace(/\.ts$/, '').split(path.sep).join('/');
		for (const specifier of importsOf(fs.readFileSync(file, 'utf8'))) {
			const to = resolved(file, specifier);
			if (to.startsWith('..')) continue; // outside the node folder: credentials and packages have their own checks
			const why = sideways(from, to);
			if (why) found.push(why);
		}
	}
	return found;
}

test('no file in nodes/ imports sideways or upwards', () => {
	expect(tsFiles(NODE_DIR).length).toBeGreaterThan(50);
	expect(violations()).toEqual([]);
});

test('the check sees sideways imports, upward imports and every import form', () => {
	expect(sideways('actions/group/members', 'actions/user/locator')).toMatch(/actions\/group may not import actions\/user/);
	expect(sideways('trigger/watched', 'actions/user/attributes')).toMatch(/trigger may not import actions\/user/);
	expect(sideways('methods/listSearch', 'actions/group/locator')).toBeDefined();
	expect(sideways('transport/client', 'helpers/validation')).toBeDefined();
	expect(sideways('helpers/output', 'models/changes')).toBeDefined();
	expect(sideways('actions/user/index', 'actions/router')).toBeDefined();
	expect(sideways('actions/router', 'actions/user/locator')).toBeDefined();
	expect(() => sideways('actions/user/x', 'lib/y')).toThrow(/No layer is defined/);
	// What is allowed stays allowed.
	expect(sideways('actions/user/update.operation', 'models/changes')).toBeUndefined();
	expect(sideways('actions/router', 'actions/user/index')).toBeUndefined();
	expect(sideways('actions/user/get.operation', 'actions/types')).toBeUndefined();
	expect(sideways('AtlassianUserProvisioning.node', 'methods/index')).toBeUndefined();
	expect(
		importsOf(
			["import { a } from '../x';", "import type { B } from './y';", "export * from '../../z';", "const c = require('./w');", "import './side';", "await import('../d');", "import { e } from 'n8n-workflow';"].join('\n'),
		),
	).toEqual(['../x', './y', '../../z', './w', './side', '../d']);
});
