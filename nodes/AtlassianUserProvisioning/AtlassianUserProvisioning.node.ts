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
import { ACCOUNT_ORIGIN_PARAMETER } from './actions/user/create.operation';
import { MANAGED_STATUS_OPERATIONS, MANAGED_STATUS_PARAMETER } from './actions/user/managedStatus';
import { LINK_CHECK_OPERATIONS, LINK_CHECK_PARAMETER } from './actions/user/unlinkGuard';
import { requestOptionsField } from './helpers/descriptions';
import { toolProperties } from './helpers/tool';
import { credentialTest, listSearch, resourceMapping } from './methods';

export class AtlassianUserProvisioning implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Atlassian User Provisioning',
		name: 'atlassianUserProvisioning',
		icon: { light: 'file:atlassianUserProvisioning.svg', dark: 'file:atlassianUserProvisioning.dark.svg' },
		group: ['transform'],
		// One version until the first release; from then on a visible change goes through n8n's node versioning.
		version: 1,
		// The canvas subtitle: operation and resource, as n8n's Okta node shows them ("getAll: user").
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
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
				// "Add Managed or External" is on, Update while "Check Account Link Before Updating" is on, and Create
				// while "Say Whether the Account Existed" is on. n8n ANDs `show` rules and ORs `hide` rules, so this is
				// said as what hides it: Group, the other SCIM operations, or a switch off (each is absent elsewhere, so
				// it hides nothing there).
				displayOptions: {
					hide: {
						resource: ['group'],
						operation: user.SCIM_OPERATIONS.filter((op) => !MANAGED_STATUS_OPERATIONS.includes(op) && !LINK_CHECK_OPERATIONS.includes(op) && op !== 'create'),
						[MANAGED_STATUS_PARAMETER]: [false],
						[LINK_CHECK_PARAMETER]: [false],
						[ACCOUNT_ORIGIN_PARAMETER]: [false],
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

	// credentialTest: the credentials' Test button runs the node's own client (methods/credentialTest.ts);
	// resourceMapping: Create or Update's fields (methods/resourceMapping.ts).
	methods = { listSearch, credentialTest, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
