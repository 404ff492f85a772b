import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Clients } from '../types';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, i: number, _clients: Clients): Promise<IDataObject[]> {
	throw new NodeOperationError(this.getNode(), 'Not implemented yet', { itemIndex: i });
}
