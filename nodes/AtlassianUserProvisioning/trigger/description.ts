import type { INodeProperties } from 'n8n-workflow';

import { DIRECTORY_EVENTS } from './events';
import { WATCHABLE } from './watched';

const EVENT_HINTS: Record<keyof typeof DIRECTORY_EVENTS, string> = {
	userCreated: 'A user appeared in the directory',
	userUpdated: 'A watched attribute of a user changed (each change with its value before and after)',
	userDeactivated: 'A user went from active to inactive',
	userReactivated: 'A user went from inactive to active',
	userDeleted: 'A user is gone from the directory (only decided after a complete listing)',
	groupCreated: 'A group appeared in the directory',
	groupDeleted: 'A group is gone from the directory (only decided after a complete listing)',
	groupMembersAdded: 'A user joined a group: one event per user and group',
	groupMembersRemoved: 'A user left a group: one event per user and group',
};

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Directory Changes (SCIM)',
				value: 'directory',
				description: 'Compare the SCIM directory with the last poll. Works on any plan with user provisioning.',
			},
			{
				name: 'Audit Log (Organization Events)',
				value: 'auditLog',
				description: "Read new events of the organization's audit log. Needs Atlassian Guard.",
			},
		],
		default: 'directory',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		displayOptions: { show: { source: ['directory'] } },
		options: Object.entries(DIRECTORY_EVENTS)
			.map(([value, name]) => ({ name, value, description: EVENT_HINTS[value as keyof typeof DIRECTORY_EVENTS] }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: ['userCreated', 'userDeactivated', 'userDeleted', 'userReactivated', 'userUpdated'],
		description: 'Which changes start the workflow. The first poll after activation records the directory and starts nothing.',
	},
	{
		displayName: 'Watched Attributes',
		name: 'watchedAttributes',
		type: 'multiOptions',
		displayOptions: { show: { source: ['directory'] } },
		options: WATCHABLE.map(({ name, value }) => ({ name, value })),
		// The same list as DEFAULT_WATCHED, written out: the editor stores this literal.
		default: ['department', 'emails', 'manager', 'organization', 'title', 'userName'],
		description:
			'Which user attributes make a "User Updated" event when they change. Active is always followed, as its own events (deactivated, reactivated).',
	},
	{
		displayName: 'Action Names or IDs',
		name: 'actions',
		type: 'multiOptions',
		displayOptions: { show: { source: ['auditLog'] } },
		typeOptions: { loadOptionsMethod: 'getEventActions' },
		default: [],
		description:
			'Which audit-log actions start the workflow; none = every action. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName:
			'Atlassian allows 10 audit-log requests a minute: a poll stops there and the next one carries on where it stopped, so nothing is lost',
		name: 'rateNotice',
		type: 'notice',
		displayOptions: { show: { source: ['auditLog'] } },
		default: '',
	},
];
