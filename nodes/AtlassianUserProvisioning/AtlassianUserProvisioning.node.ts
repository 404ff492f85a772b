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
import { MANAGED_STATUS_OPERATIONS, MANAGED_STATUS_PARAMETER } from './actions/user/managedStatus';
import { requestOptionsField } from './helpers/descriptions';
import { toolProperties } from './helpers/tool';
import { credentialTest, listSearch } from './methods';

export class AtlassianUserProvisioning implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Atlassian User Provisioning',
		name: 'atlassianUserProvisioning',
		icon: { light: 'file:atlassianUserProvisioning.svg', dark: 'file:atlassianUserProvisioning.dark.svg' },
		group: ['transform'],
		// One version until the first release; from then on a visible change goes through n8n's node versioning.
		version: 1,
		// The canvas subtitle in words: each operation's action ("Get many users"), by resource and operation. A literal,
		// as n8n's lint asks; test/node/editor.view.test.ts checks it against every operation's action.
		subtitle:
			'={{ {"user:create":"Create a user","user:deactivate":"Deactivate a user","user:delete":"Delete a user","user:deleteInDb":"Delete users in the SCIM DB","user:get":"Get a user","user:getAll":"Get many users","user:getScimLinks":"Get SCIM links","user:reactivate":"Reactivate a user","user:unlink":"Unlink a SCIM user","user:update":"Update a user","group:addMembers":"Add members to a group","group:create":"Create a group","group:delete":"Delete a group","group:get":"Get a group","group:getAll":"Get many groups","group:removeMembers":"Remove members from a group","account:cancelDeletion":"Cancel the deletion of an account","account:deactivateAccount":"Deactivate an account","account:deleteAccount":"Delete an account","account:getAccount":"Get an account","account:getApiTokens":"Get the API tokens of an account","account:getLastActive":"Get the last active dates of an account","account:search":"Get many accounts","account:getProfile":"Get the profile of an account","account:reactivateAccount":"Reactivate an account","account:removeFromDirectory":"Remove an account from a directory","account:restore":"Restore the access of an account","account:revokeApiTokens":"Revoke the API tokens of an account","account:suspend":"Suspend the access of an account","account:updateProfile":"Update the profile of an account"}[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] }}',
		description: 'Manage Atlassian users, groups and accounts',
		defaults: { name: 'Atlassian User Provisioning' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			// Labelled: with Add Managed or External on, both slots show, and n8n would call each just "Credential".
			// The labels are the credential types' names, as the node's error messages call them.
			{
				name: 'atlassianScimApi',
				displayName: 'Atlassian SCIM API Credential',
				required: true,
				testedBy: 'atlassianScimApiTest',
				displayOptions: { hide: { operation: [...user.ADMIN_OPERATIONS, ...account.ACCOUNT_OPERATIONS] } },
			},
			{
				name: 'atlassianOrganizationApi',
				displayName: 'Atlassian Organization API Credential',
				required: true,
				testedBy: 'atlassianOrganizationApiTest',
				// User's admin operations and the Organization Account operations; also User Get and Get Many while
				// "Add Managed or External" is on. n8n ANDs `show` rules and ORs `hide` rules, so this is said as what
				// hides it: Group, the other SCIM operations, or the switch off (absent elsewhere, so it hides nothing there).
				displayOptions: {
					hide: {
						resource: ['group'],
						operation: user.SCIM_OPERATIONS.filter((op) => !MANAGED_STATUS_OPERATIONS.includes(op)),
						[MANAGED_STATUS_PARAMETER]: [false],
					},
				},
			},
		],
		properties: [
			// The tool variant's fields (shown only there): the model's description per operation, output size.
			...toolProperties([...user.description, ...group.description, ...account.description]),
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Group', value: 'group', description: 'SCIM groups provisioned by your identity provider, and their members' },
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
