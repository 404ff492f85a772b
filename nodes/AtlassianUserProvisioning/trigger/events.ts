/** The directory source's events: parameter value → what the output's `description` says. */
export const DIRECTORY_EVENTS = {
	userCreated: 'User created',
	userUpdated: 'User updated',
	userDeactivated: 'User deactivated',
	userReactivated: 'User reactivated',
	userDeleted: 'User deleted',
	groupCreated: 'Group created',
	groupDeleted: 'Group deleted',
	groupMembersAdded: 'Member added to a group',
	groupMembersRemoved: 'Member removed from a group',
} as const;

export type DirectoryEvent = keyof typeof DIRECTORY_EVENTS;
