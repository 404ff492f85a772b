import { CORE_USER, deterministicUuid, ENTERPRISE, EXTERNAL } from './store';
import type { Sandbox } from './types';

type Person = [given: string, family: string, title: string, department: string, timezone: string, active: boolean];

const PEOPLE: Person[] = [
	['Ada', 'Lovelace', 'Analyst', 'Research', 'Europe/London', true],
	['Grace', 'Hopper', 'Rear Admiral of Engineering', 'Engineering', 'America/New_York', true],
	['Alan', 'Turing', 'Cryptanalyst', 'Research', 'Europe/London', false],
	['Katherine', 'Johnson', 'Mathematician', 'Flight Dynamics', 'America/New_York', true],
	['Margaret', 'Hamilton', 'Director of Software Engineering', 'Engineering', 'America/New_York', true],
	['Edsger', 'Dijkstra', 'Professor', 'Research', 'Europe/Amsterdam', false],
	['Barbara', 'Liskov', 'Institute Professor', 'Engineering', 'America/New_York', true],
	['Radia', 'Perlman', 'Network Architect', 'Infrastructure', 'America/Los_Angeles', true],
];

/**
 * Demo users with real-looking names (ada.lovelace@example.com …, two deactivated) and two groups, for
 * `npm run sandbox` and the demo. Idempotent: users and groups already there are left alone.
 */
export function seedDemo(sandbox: Sandbox): { users: number; groups: number } {
	const { store } = sandbox;
	const dir = store.directory(sandbox.directoryId)!;
	const created = new Date(Date.UTC(2025, 5, 1)).toISOString();
	const ids: string[] = [];
	for (const [given, family, title, department, timezone, active] of PEOPLE) {
		const email = `${given}.${family}@example.com`.toLowerCase();
		const existing = dir.idByUserName(email);
		if (existing) {
			ids.push(existing);
			continue;
		}
		const id = deterministicUuid(`demo:${dir.id}:${email}`);
		ids.push(id);
		const account = store.accountFor(email);
		if (account.managed) account.active = active;
		dir.put({
			schemas: [CORE_USER, ENTERPRISE, EXTERNAL],
			id,
			userName: email,
			name: { formatted: `${given} ${family}`, familyName: family, givenName: given },
			displayName: `${given} ${family}`,
			title,
			preferredLanguage: 'en-US',
			timezone,
			externalId: `okta-${family.toLowerCase()}`,
			department,
			organization: 'Example Org',
			emails: [{ value: email, type: 'work', primary: true }],
			active,
			[ENTERPRISE]: { department, organization: 'Example Org' },
			[EXTERNAL]: { atlassianAccountId: account.accountId },
			meta: { resourceType: 'User', created, lastModified: created },
		});
	}
	const groups: Array<[string, string[]]> = [
		['engineering', ids.filter((_, n) => PEOPLE[n][3] === 'Engineering')],
		['research', ids.filter((_, n) => PEOPLE[n][3] === 'Research')],
	];
	for (const [name, members] of groups) {
		if (dir.groupIdByName(name)) continue;
		const group = dir.addGroup({ id: deterministicUuid(`demo-group:${dir.id}:${name}`), displayName: name, members: new Set(), created, lastModified: created });
		for (const member of members) dir.addMember(group, member);
	}
	return { users: PEOPLE.length, groups: groups.length };
}
