import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { credentialTest } from './methods';
import { getEventActions } from './methods/eventActions';
import { auditLogProperties } from './trigger/description';
import { pollAuditLog } from './trigger/auditLog';
import { pollOnce } from './trigger/pollLock';

/**
 * Starts workflows on new events of the organization's audit log (Atlassian Guard), read from its cursor. A node of
 * its own beside the Atlassian Directory Trigger: it needs the organization credential and Guard, and the nodes
 * panel lists it as its own entry.
 */
export class AtlassianUserProvisioningAuditLogTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Atlassian Audit Log Trigger',
		name: 'atlassianUserProvisioningAuditLogTrigger',
		icon: { light: 'file:atlassianUserProvisioning.svg', dark: 'file:atlassianUserProvisioning.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Audit log',
		description: 'Starts on audit-log events (needs Guard)',
		defaults: { name: 'Atlassian Audit Log Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'atlassianOrganizationApi', required: true, testedBy: 'atlassianOrganizationApiTest' }],
		properties: auditLogProperties,
	};

	// The credential's Test button runs the same client as the action node (methods/credentialTest.ts).
	methods = { loadOptions: { getEventActions }, credentialTest };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollOnce(this, pollAuditLog);
	}
}
