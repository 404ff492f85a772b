import { CORE_USER, deterministicUuid, ENTERPRISE, EXTERNAL, type DirectoryStore, type SandboxStore } from './store';

const GIVEN = ['Ada', 'Grace', 'Alan', 'Katherine', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Margaret', 'Dennis', 'Radia', 'Tim', 'Hedy', 'Linus', 'Anita'];
const FAMILY = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Hamilton', 'Ritchie', 'Perlman', 'Berners-Lee', 'Lamarr', 'Torvalds', 'Borg'];
const TITLES = ['Engineer', 'Analyst', 'Designer', 'Manager', 'Administrator', 'Researcher'];
const DEPARTMENTS = ['Engineering', 'Finance', 'Design', 'Operations', 'Research', 'Sales'];
const ZONES = ['Europe/London', 'America/New_York', 'America/Los_Angeles', 'Australia/Sydney', 'Europe/Berlin', 'Asia/Tokyo'];

/** N deterministic users (user00001@example.com …); every 7th is deactivated. Fast enough for 50,000. */
export function seedUsers(store: SandboxStore, dir: DirectoryStore, count: number, offset = 0) {
	const created = new Date(Date.UTC(2025, 0, 1)).toISOString();
	for (let n = offset + 1; n <= offset + count; n++) {
		const number = String(n).padStart(5, '0');
		const email = `user${number}@example.com`;
		const given = GIVEN[n % GIVEN.length];
		const family = FAMILY[(n * 7) % FAMILY.length];
		const department = DEPARTMENTS[n % DEPARTMENTS.length];
		dir.put({
			schemas: [CORE_USER, ENTERPRISE, EXTERNAL],
			id: deterministicUuid(`user:${dir.id}:${n}`),
			userName: email,
			emails: [{ value: email, type: 'work', primary: true }],
			active: n % 7 !== 0,
			name: { givenName: given, familyName: family, formatted: `${given} ${family}` },
			displayName: `${given} ${family}`,
			title: TITLES[n % TITLES.length],
			timezone: ZONES[n % ZONES.length],
			externalId: `ext-${number}`,
			department,
			organization: 'Sandbox Corp',
			[ENTERPRISE]: { department, organization: 'Sandbox Corp' },
			[EXTERNAL]: { atlassianAccountId: store.accountFor(email).accountId },
			meta: { resourceType: 'User', created, lastModified: created },
		});
	}
}
