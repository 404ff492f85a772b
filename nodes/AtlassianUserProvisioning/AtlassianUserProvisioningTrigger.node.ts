import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { credentialTest } from './methods';
import { directoryProperties } from './trigger/description';
import { pollDirectory } from './trigger/directory';
import { pollOnce } from './trigger/pollLock';

/**
 * Starts workflows when users or groups change in the SCIM directory. Atlassian sends no webhooks for these, so the
 * node polls the directory and compares it with the last poll. The organization's audit log is its own trigger
 * (AtlassianUserProvisioningAuditLogTrigger.node.ts): each has one credential, so n8n has no credential switch to hide, and each
 * has its own entries in the nodes panel. It shares its transport (auth, pacing, retries, error mapping) with the
 * action node.
 */
export class AtlassianUserProvisioningTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Atlassian Directory Trigger',
		// The name stays the action node's plus "Trigger": n8n's nodes panel lists the two as one entry, with this
		// node's events as its triggers, and shows this description for that entry (actions included).
		name: 'atlassianUserProvisioningTrigger',
		icon: { light: 'file:atlassianUserProvisioning.svg', dark: 'file:atlassianUserProvisioning.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Directory changes',
		description: 'Manage or watch Atlassian users and groups',
		defaults: { name: 'Atlassian Directory Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'atlassianScimApi', required: true, testedBy: 'atlassianScimApiTest' }],
		properties: directoryProperties,
	};

	// The credential's Test button runs the same client as the action node (methods/credentialTest.ts).
	methods = { credentialTest };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollOnce(this, pollDirectory);
	}
}
