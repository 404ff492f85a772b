import type { INodeProperties } from 'n8n-workflow';

import { DIRECTORY_EVENTS } from './events';
import { WATCHABLE } from './watched';

/**
 * The events as the editor names them, in Title Case like every other option (n8n's nodes panel lists them as
 * "On User Created"). The output's `description` keeps the sentence of trigger/events.ts.
 */
const EVENT_NAMES: Record<keyof typeof DIRECTORY_EVENTS, string> = {
	userCreated: 'User Created',
	userUpdated: 'User Updated',
	userDeactivated: 'User Deactivated',
	userReactivated: 'User Reactivated',
	userDeleted: 'User Deleted',
	groupCreated: 'Group Created',
	groupDeleted: 'Group Deleted',
	groupMembersAdded: 'Member Added to Group',
	groupMembersRemoved: 'Member Removed From Group',
};

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

/** Atlassian Directory Trigger: the SCIM directory, compared with the last poll. */
export const directoryProperties: INodeProperties[] = [
	{
		// n8n's nodes panel offers one entry per option of the parameter called "Events" ("On User Created" …), and
		// opens this node with that event chosen.
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: Object.entries(DIRECTORY_EVENTS)
			.map(([value]) => ({
				name: EVENT_NAMES[value as keyof typeof DIRECTORY_EVENTS],
				value,
				description: EVENT_HINTS[value as keyof typeof DIRECTORY_EVENTS],
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: ['userCreated', 'userDeactivated', 'userDeleted', 'userReactivated', 'userUpdated'],
		description: 'Which changes start the workflow. The first poll after activation records the directory and starts nothing.',
	},
	{
		displayName: 'Watched Attributes',
		name: 'watchedAttributes',
		type: 'multiOptions',
		options: WATCHABLE.map(({ name, value }) => ({ name, value })),
		// The same list as DEFAULT_WATCHED, written out: the editor stores this literal.
		default: ['department', 'emails', 'manager', 'organization', 'title', 'userName'],
		description:
			'Which user attributes make a User Updated event when they change. Active is always followed, as its own events (User Deactivated, User Reactivated).',
	},
	{
		displayName:
			'Compares the SCIM directory with the last poll: works on any plan with user provisioning. For sign-ins, admin and product changes, use the Atlassian Audit Log Trigger (needs Atlassian Guard).',
		name: 'directoryNotice',
		type: 'notice',
		default: '',
	},
];

/** Atlassian Audit Log Trigger: new events of the organization's audit log. */
export const auditLogProperties: INodeProperties[] = [
	{
		displayName:
			'Needs Atlassian Guard (Standard or Premium) or an Enterprise plan: without it Atlassian keeps no audit log. For user and group changes on any plan, use the Atlassian Directory Trigger.',
		name: 'guardNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Action Names or IDs',
		name: 'actions',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getEventActions' },
		default: [],
		// An empty filter is a choice too: said under the field, not only in its tooltip.
		hint: 'None chosen: every audit-log action starts the workflow',
		description:
			'Which audit-log actions start the workflow. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName:
			'Atlassian allows 10 audit-log requests a minute: a poll stops there and the next one carries on where it stopped, so nothing is lost',
		name: 'rateNotice',
		type: 'notice',
		default: '',
	},
];
