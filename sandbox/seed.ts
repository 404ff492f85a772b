import { CORE_USER, deterministicUuid, ENTERPRISE, EXTERNAL, type DirectoryStore, type SandboxStore } from './store';

const GIVEN = ['Ada', 'Grace', 'Alan', 'Katherine', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Margaret', 'Dennis', 'Radia', 'Tim', 'Hedy', 'Linus', 'Anita', 'John', 'Sophie'];
const FAMILY = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Hamilton', 'Ritchie', 'Perlman', 'Berners-Lee', 'Lamarr', 'Torvalds', 'Borg', 'McCarthy'];
const TITLES = ['Software Engineer', 'Data Analyst', 'Product Designer', 'Engineering Manager', 'IT Administrator', 'Research Scientist', 'Account Executive'];
const DEPARTMENTS = ['Engineering', 'Finance', 'Design', 'Operations', 'Research', 'Sales', 'IT'];
const ZONES = ['Europe/London', 'America/New_York', 'America/Los_Angeles', 'Australia/Sydney', 'Europe/Berlin', 'Asia/Tokyo', 'UTC'];
const LANGUAGES = ['en-US', 'en-GB', 'de-DE', 'ja-JP', 'fr-FR'];
/** Seeded users carry a fixed creation time so two runs produce identical documents. */
const CREATED = new Date(Date.UTC(2025, 0, 1)).toISOString();

/**
 * `count` deterministic users in `dir`: user00001@example.com … with names, title, department, timezone, language,
 * phone, externalId ext-00001 …; every 7th is deactivated. Same ids on every run. About 0.5 s for 50,000.
 */
export function seedUsers(store: SandboxStore, dir: DirectoryStore, count: number, offset = 0): void {
	for (let n = offset + 1; n <= offset + count; n++) {
		const number = String(n).padStart(5, '0');
		const email = `user${number}@example.com`;
		const given = GIVEN[n % GIVEN.length];
		const family = FAMILY[(n * 7) % FAMILY.length];
		const department = DEPARTMENTS[n % DEPARTMENTS.length];
		const active = n % 7 !== 0;
		const account = store.accountFor(email);
		if (account.managed) account.active = active;
		dir.put({
			schemas: [CORE_USER, ENTERPRISE, EXTERNAL],
			id: deterministicUuid(`user:${dir.id}:${n}`),
			userName: email,
			name: { formatted: `${given} ${family}`, familyName: family, givenName: given },
			displayName: `${given} ${family}`,
			nickName: given,
			title: TITLES[n % TITLES.length],
			preferredLanguage: LANGUAGES[n % LANGUAGES.length],
			timezone: ZONES[n % ZONES.length],
			externalId: `ext-${number}`,
			department,
			organization: 'Sandbox Corp',
			emails: [{ value: email, type: 'work', primary: true }],
			phoneNumbers: [{ value: `+1 555 ${String(n % 10000).padStart(4, '0')}`, type: 'work', primary: true }],
			active,
			[ENTERPRISE]: { department, organization: 'Sandbox Corp' },
			[EXTERNAL]: { atlassianAccountId: account.accountId },
			meta: { resourceType: 'User', created: CREATED, lastModified: CREATED },
		});
	}
}
