import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { AtlassianClient } from '../transport/client';

/** One change made at Atlassian, kept so that a run that fails can still say what it wrote. */
export interface Written {
	itemIndex: number;
	/** Who or what was changed, as the admin knows it: a user name, an email, a group name, an ID. */
	subject: string;
	/** What was done to it, in the past tense: "deactivated", "updated (Title)". */
	what: string;
}

/** Lazily created, once per execution: credentials are read once and the pacer is shared by all items. */
export interface Clients {
	scim(): Promise<AtlassianClient>;
	admin(): Promise<AtlassianClient>;
	/** What this execution learned about the server (e.g. which member-removal form it accepts); never shared. */
	learned: Map<string, unknown>;
	/**
	 * Every operation that writes calls this once a write has been accepted: when the run fails without Continue On
	 * Fail there is no output, and the error lists these so the admin knows what changed.
	 */
	wrote(itemIndex: number, subject: string, what: string): void;
	readonly written: Written[];
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

/**
 * An operation runs per item (`execute`) or over all items at once (`executeAll`). `prepare`, when there is one,
 * reads and validates the parameters of one item without any request; the router prepares every item before the
 * first request of the execution, so a bad parameter sends nothing, and passes what it returned to `execute` (each
 * expression is evaluated once per item). An `executeAll` operation checks every item itself before its first write.
 */
export interface Operation<Prepared = unknown> {
	description: INodeProperties[];
	prepare?(this: IExecuteFunctions, itemIndex: number): Prepared;
	// Method syntax: each operation declares its own Prepared, and the router passes back what its prepare returned.
	execute?(this: IExecuteFunctions, itemIndex: number, clients: Clients, prepared: Prepared): Promise<IDataObject[]>;
	executeAll?: OperationExecuteAll;
}

export type OperationOutput = INodeExecutionData[];
