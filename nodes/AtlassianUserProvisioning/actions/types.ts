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

/**
 * Runs all input items at once, for an operation that must see the whole input before its first request (Create or
 * Update compares the input with the directory). Returns every output item with its `pairedItem` (with Continue On
 * Fail, failed items too); the router only hands it the clients.
 */
export type OperationExecuteAll = (this: IExecuteFunctions, clients: Clients) => Promise<INodeExecutionData[]>;

/** An operation runs per item (`execute`) or over all items at once (`executeAll`). */
export type Operation =
	| { description: INodeProperties[]; execute: OperationExecute; executeAll?: undefined }
	| { description: INodeProperties[]; executeAll: OperationExecuteAll; execute?: undefined };

export type OperationOutput = INodeExecutionData[];
