import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as account from './actions/account';
import * as group from './actions/group';
import { router } from './actions/router';
import * as user from './actions/user';
import { requestOptionsField } from './helpers/descriptions';
import { credentialTest, listSearch } from './methods';

/** The canvas subtitle: each operation's action ("Get many users"), looked up by resource and operation. */
const SUBTITLE = (() => {
	const actions: Record<string, string> = {};
	for (const property of [...user.description, ...group.description, ...account.description]) {
		if (property.name !== 'operation') continue;
		const resource = String(property.displayOptions?.show?.resource?.[0]);
		for (const option of property.options ?? []) {
			if ('action' in option && option.action) actions[`${resource}:${String(option.value)}`] = option.action;
		}
	}
	return `={{ ${JSON.stringify(actions)}[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] }}`;
})();

export class AtlassianUserProvisioning implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Atlassian User Provisioning',
		name: 'atlassianUserProvisioning',
		icon: { light: 'file:atlassianUserProvisioning.svg', dark: 'file:atlassianUserProvisioning.dark.svg' },
		group: ['transform'],
		// Version 2: Simplify on top of Get / Get Many (on by default) and the Name parts as fields of their own
		// (helpers/descriptions.ts). Saved version-1 nodes keep their parameters and output.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: SUBTITLE,
		description: 'Manage Atlassian Cloud users, groups and accounts (SCIM)',
		defaults: { name: 'Atlassian User Provisioning' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'atlassianScimApi',
				required: true,
				testedBy: 'atlassianScimApiTest',
				displayOptions: { hide: { operation: [...user.ADMIN_OPERATIONS, ...account.ACCOUNT_OPERATIONS] } },
			},
			{
				name: 'atlassianOrganizationApi',
				required: true,
				testedBy: 'atlassianOrganizationApiTest',
				// Only User's admin operations and the Organization Account operations have these values.
				displayOptions: { show: { operation: [...user.ADMIN_OPERATIONS, ...account.ACCOUNT_OPERATIONS] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Group', value: 'group' },
					{ name: 'Organization Account', value: 'account', description: 'Atlassian accounts of the organization: search, last active, suspend, deactivate, delete, profile, API tokens' },
					{ name: 'User', value: 'user', description: 'SCIM user records provisioned by your identity provider' },
				],
				default: 'user',
			},
			...user.description,
			...group.description,
			...account.description,
			requestOptionsField,
		],
	};

	// credentialTest: the credentials' Test button runs the node's own client (methods/credentialTest.ts).
	methods = { listSearch, credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
