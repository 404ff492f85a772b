import type { Sandbox } from './server';
import { CORE_USER, deterministicUuid, ENTERPRISE, EXTERNAL } from './store';

const PEOPLE: Array<[string, string, string, string, string, boolean]> = [
	['Ada', 'Lovelace', 'Analyst', 'Research', 'Europe/London', true],
	['Grace', 'Hopper', 'Rear Admiral of Engineering', 'Engineering', 'America/New_York', true],
	['Alan', 'Turing', 'Cryptanalyst', 'Research', 'Europe/London', false],
	['Katherine', 'Johnson', 'Mathematician', 'Flight Dynamics', 'America/New_York', true],
	['Margaret', 'Hamilton', 'Director of Software Engineering', 'Engineering', 'America/New_York', true],
	['Edsger', 'Dijkstra', 'Professor', 'Research', 'Europe/Amsterdam', false],
	['Barbara', 'Liskov', 'Institute Professor', 'Engineering', 'America/New_York', true],
	['Radia', 'Perlman', 'Network Architect', 'Infrastructure', 'America/Los_Angeles', true],
];

/** Demo users with real-looking names (two deactivated) and two groups, for `npm run sandbox` and the demo. */
export function seedDemo(sandbox: Sandbox): { users: number; groups: number } {
	const dir = sandbox.store.directory(sandbox.directoryId)!;
	const created = new Date(Date.UTC(2025, 5, 1)).toISOString();
	const ids: string[] = [];
	for (const [given, family, title, department, timezone, active] of PEOPLE) {
		const email = `${given}.${family}@example.com`.toLowerCase();
		if (dir.idByUserName(email)) continue;
		const id = deterministicUuid(`demo:${email}`);
		ids.push(id);
		dir.put({
			schemas: [CORE_USER, ENTERPRISE, EXTERNAL],
			id,
			userName: email,
			emails: [{ value: email, type: 'work', primary: true }],
			active,
			name: { givenName: given, familyName: family, formatted: `${given} ${family}` },
			displayName: `${given} ${family}`,
			title,
			timezone,
			preferredLanguage: 'en-US',
			externalId: `okta-${family.toLowerCase()}`,
			department,
			organization: 'Example Org',
			[ENTERPRISE]: { department, organization: 'Example Org' },
			[EXTERNAL]: { atlassianAccountId: sandbox.store.accountFor(email).accountId },
			meta: { resourceType: 'User', created, lastModified: created },
		});
	}
	const groups: Array<[string, string[]]> = [
		['engineering', ids.filter((_, n) => PEOPLE[n][3] === 'Engineering')],
		['research', ids.filter((_, n) => PEOPLE[n][3] === 'Research')],
	];
	for (const [name, members] of groups) {
		const id = deterministicUuid(`demo-group:${name}`);
		if (dir.groups.has(id)) continue;
		const group = { id, displayName: name, members: new Set<string>(), created, lastModified: created };
		dir.groups.set(id, group);
		for (const member of members) dir.addMember(group, member);
	}
	return { users: ids.length, groups: groups.length };
}
