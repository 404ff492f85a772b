// Builds node parameters the way n8n's editor does, from the node's own description: adding a collection option
// stores that option's default; adding a fixed-collection entry stores every value of the entry with its default
// (n8n's CollectionParameter.vue / FixedCollectionParameter.vue `optionSelected`); the user then types into some
// of them. `saved` applies what the editor runs on every change before it stores the workflow
// (NodeHelpers.getNodeParameters without defaults). At run time n8n fills the defaults back in (the Workflow
// constructor), which the engine harness does too.
import { deepCopy, NodeHelpers, type INode, type INodeParameters, type INodeProperties, type INodePropertyCollection } from 'n8n-workflow';

import { AtlassianUserProvisioning } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioning.node';

const description = new AtlassianUserProvisioning().description;

/** The node's top-level properties shown for a resource and operation (and an optional extra display value). */
export function shownProperties(parameters: Record<string, unknown>): INodeProperties[] {
	const node = { parameters, typeVersion: 1 } as unknown as INode;
	return description.properties.filter((p) =>
		NodeHelpers.displayParameter(NodeHelpers.getNodeParameters(description.properties, parameters as INodeParameters, true, false, node, description) ?? {}, p, node, description),
	);
}

export function property(parameters: Record<string, unknown>, name: string): INodeProperties {
	const found = shownProperties(parameters).find((p) => p.name === name);
	if (!found) throw new Error(`No parameter "${name}" is shown for ${JSON.stringify(parameters)}`);
	return found;
}

/** What the editor stores when an option of a collection is added (before the user types anything). */
export function addCollectionOption(collection: INodeProperties, optionName: string): unknown {
	const option = (collection.options as INodeProperties[]).find((o) => o.name === optionName);
	if (!option) throw new Error(`No option "${optionName}" in ${collection.name}`);
	if (option.typeOptions?.multipleValues === true) return option.type === 'fixedCollection' ? {} : [deepCopy(option.default)];
	return deepCopy(option.default);
}

/** What the editor stores when an entry of a fixed collection is added: every value with its default. */
export function addFixedEntry(fixed: INodeProperties, entryName: string): INodeParameters {
	const entry = (fixed.options as INodePropertyCollection[]).find((o) => o.name === entryName);
	if (!entry) throw new Error(`No entry "${entryName}" in ${fixed.name}`);
	const value: INodeParameters = {};
	for (const v of entry.values) {
		value[v.name] = v.type === 'fixedCollection' && v.typeOptions?.multipleValues === true ? {} : (deepCopy(v.default) as INodeParameters[string]);
	}
	return value;
}

/** The parameters as the editor saves them into the workflow (defaults stripped where n8n strips them). */
export function saved(parameters: Record<string, unknown>): Record<string, unknown> {
	const node = { parameters, typeVersion: 1 } as unknown as INode;
	return (NodeHelpers.getNodeParameters(description.properties, parameters as INodeParameters, false, false, node, description) ?? {}) as Record<string, unknown>;
}

/** Every collection or fixed collection option in a collection, with its nested fixed-collection entries. */
export function collectionOptions(collection: INodeProperties): INodeProperties[] {
	return (collection.options as INodeProperties[]).filter((o) => 'name' in o && 'type' in o);
}
