import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { AtlassianClient } from '../transport/client';

/** Lazily created, once per execution: credentials are read once and the pacer is shared by all items. */
export interface Clients {
	scim(): Promise<AtlassianClient>;
	admin(): Promise<AtlassianClient>;
	/** What this execution learned about the server (e.g. which member-removal form it accepts); never shared. */
	learned: Map<string, unknown>;
}

/** Runs one input item; returns its output items (pairedItem is added by the router). */
export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	clients: Clients,
) => Promise<IDataObject[]>;

export interface Operation {
	description: INodeProperties[];
	execute: OperationExecute;
}

export type OperationOutput = INodeExecutionData[];
