// Runs a polling trigger the way n8n-core does: a PollContext on one Workflow object that lives as long as the
// activation (so what a poll leaves in the static data is what the next poll sees, saved or not), in 'trigger'
// mode for scheduled polls and 'manual' mode for the editor's "Fetch Test Event".
import { PollContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { AtlassianUserProvisioningAuditLogTrigger } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioningAuditLogTrigger.node';
import { AtlassianUserProvisioningTrigger } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioningTrigger.node';
import { setup } from './engine';

export const TRIGGER_TYPE = 'n8n-nodes-atlassian-user-provisioning.atlassianUserProvisioningTrigger';
export const AUDIT_LOG_TRIGGER_TYPE = 'n8n-nodes-atlassian-user-provisioning.atlassianUserProvisioningAuditLogTrigger';

export interface PollOutcome {
	/** The emitted items' JSON, or null when the poll emitted nothing. */
	items: IDataObject[] | null;
	error?: Error & { httpCode?: string | null; description?: string | null };
}

export class Poller {
	readonly trigger: AtlassianUserProvisioningTrigger | AtlassianUserProvisioningAuditLogTrigger;

	private readonly env: ReturnType<typeof setup>;

	/**
	 * `source: 'auditLog'` among the parameters picks the Atlassian Audit Log Trigger (it is not one of its
	 * parameters and is left out); without it, the Atlassian Directory Trigger.
	 */
	constructor(parameters: Record<string, unknown>, credentials: Record<string, ICredentialDataDecryptedObject>, staticData: IDataObject = {}) {
		const { source, ...rest } = parameters;
		const auditLog = source === 'auditLog';
		this.trigger = auditLog ? new AtlassianUserProvisioningAuditLogTrigger() : new AtlassianUserProvisioningTrigger();
		const type = auditLog ? AUDIT_LOG_TRIGGER_TYPE : TRIGGER_TYPE;
		// Parameters as the editor saves them (defaults left out): the Workflow fills the defaults, as n8n does.
		this.env = setup({ parameters: rest, credentials, type, nodeTypes: { [type]: this.trigger }, staticData });
	}

	context(mode: 'trigger' | 'manual'): IPollFunctions {
		const { workflow, node, additionalData } = this.env;
		return new PollContext(workflow, workflow.getNode(node.name)!, additionalData, mode, 'activate') as unknown as IPollFunctions;
	}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollOutcome> {
		try {
			const result: INodeExecutionData[][] | null = await this.trigger.poll.call(this.context(mode));
			return { items: result ? result[0].map((item) => item.json) : null };
		} catch (error) {
			return { items: null, error: error as PollOutcome['error'] };
		}
	}

	/** The static data as n8n stores it (JSON), e.g. to measure its size or to start another activation from it. */
	staticData(): IDataObject {
		const data = JSON.parse(JSON.stringify(this.env.workflow.staticData)) as IDataObject;
		delete data.__dataChanged;
		return data;
	}
}
