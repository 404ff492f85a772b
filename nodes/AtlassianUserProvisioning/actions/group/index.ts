import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';

export const operations: Record<string, Operation> = {};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		default: 'get',
		options: [{ name: 'Get', value: 'get', action: 'Get a group' }],
	},
];
