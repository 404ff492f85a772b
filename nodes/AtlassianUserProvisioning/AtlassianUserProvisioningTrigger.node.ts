import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { credentialTest } from './methods';
import { getEventActions } from './methods/eventActions';
import { pollAuditLog } from './trigger/auditLog';
import { triggerProperties } from './trigger/description';
import { pollDirectory } from './trigger/directory';
import { pollLocks, triggerKey } from './trigger/pollLock';

/**
 * Starts workflows when users, groups or accounts change. Atlassian sends no webhooks for these, so the node polls:
 * the SCIM directory (compared with the last poll) or the organization audit log (read from its cursor).
 * It shares its transport (auth, pacing, retries, error mapping) with the action node.
 */
export class AtlassianUserProvisioningTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Atlassian User Provisioning Trigger',
		name: 'atlassianUserProvisioningTrigger',
		icon: { light: 'file:atlassianUserProvisioning.svg', dark: 'file:atlassianUserProvisioning.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["source"] === "auditLog" ? "Audit log" : "Directory changes" }}',
		description: 'Starts on user, group and audit log events',
		defaults: { name: 'Atlassian User Provisioning Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'atlassianScimApi', required: true, testedBy: 'atlassianScimApiTest', displayOptions: { show: { source: ['directory'] } } },
			{ name: 'atlassianOrganizationApi', required: true, testedBy: 'atlassianOrganizationApiTest', displayOptions: { show: { source: ['auditLog'] } } },
		],
		properties: triggerProperties,
	};

	// The credentials' Test button runs the same client as the action node (methods/credentialTest.ts).
	methods = { loadOptions: { getEventActions }, credentialTest };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const run = this.getNodeParameter('source') === 'auditLog' ? pollAuditLog : pollDirectory;
		// "Fetch Test Event" writes no state: it needs no lock and must not wait for the scheduled polls.
		if (this.getMode() === 'manual') return await run.call(this);
		// At most one poll of this trigger at a time (trigger/pollLock.ts): taken before the first await, so a tick
		// that comes while a poll runs finds it taken, emits nothing and leaves the state alone.
		const lock = pollLocks.acquire(triggerKey(this));
		if (!lock) return null;
		try {
			return await run.call(this, lock);
		} finally {
			lock.release();
		}
	}
}
