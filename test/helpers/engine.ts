// Runs the node through n8n-core's real WorkflowExecute engine (no n8n app, no database): a trimmed port of
// n8n's own NodeTestHarness, with a credentials helper that answers from memory and applies the credential's
// `authenticate` exactly as n8n's CredentialsHelper does (function form, or generic headers).
import { CredentialTestContext, ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	LoggerProxy,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialTestFunction,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INodeCredentialTestResult,
	type INodeListSearchResult,
	type INodeParameters,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type Workflow as WorkflowType,
} from 'n8n-workflow';

import { AtlassianOrganizationApi } from '../../credentials/AtlassianOrganizationApi.credentials';
import { AtlassianScimApi } from '../../credentials/AtlassianScimApi.credentials';
import { AtlassianUserProvisioning } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioning.node';

// The engine logs every node error; the tests assert on them instead of printing them.
const quiet = () => {};
LoggerProxy.init({ error: quiet, warn: quiet, info: quiet, debug: quiet, verbose: quiet, scoped: () => LoggerProxy } as never);

export const NODE_TYPE = 'n8n-nodes-atlassian-user-provisioning.atlassianUserProvisioning';

export const credentialTypes: Record<string, ICredentialType> = {
	atlassianScimApi: new AtlassianScimApi(),
	atlassianOrganizationApi: new AtlassianOrganizationApi(),
};

class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(type: string) {
		const found = this.types[type];
		if (!found) throw new Error(`Unknown node type ${type}`);
		return found;
	}

	getByNameAndVersion(type: string, version?: number) {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes() {
		return {};
	}
}

class TestCredentialsHelper extends ICredentialsHelper {
	/** How many times the engine asked for a decrypted credential (each is a DB read + decryption in n8n). */
	lookups = 0;

	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async preAuthentication() {
		return undefined;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		request: IHttpRequestOptions,
		workflow: WorkflowType,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const auth = credentialTypes[typeName]?.authenticate;
		if (typeof auth === 'function') return await auth(credentials, request);
		if (auth?.type === 'generic') {
			const resolve = (value: string) =>
				value.startsWith('=')
					? String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials } as never, undefined, '') ?? '')
					: value;
			for (const [where, values] of Object.entries(auth.properties)) {
				const target = ((request as unknown as Record<string, IDataObject>)[where] ??= {});
				for (const [key, value] of Object.entries(values as Record<string, string>)) target[key] = resolve(value);
			}
		}
		return request;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not needed');
	}

	async getDecrypted(_a: IWorkflowExecuteAdditionalData, _n: INodeCredentialsDetails, type: string) {
		this.lookups++;
		if (!this.data[type]) throw new Error(`No test credential of type ${type}`);
		return { ...this.data[type] };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}

export interface RunResult {
	run: IRun;
	error?: Error & { httpCode?: string | null; description?: string | null; context?: IDataObject };
	items: INodeExecutionData[];
	credentialLookups: number;
}

export interface RunOptions {
	parameters: Record<string, unknown>;
	input?: Array<Record<string, unknown>>;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	continueOnFail?: boolean;
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	type?: string;
	/** The names the admin gave the credentials in n8n (the node's `credentials` in the workflow); default `Test <type>`. */
	credentialNames?: Record<string, string>;
	/** The workflow's static data (a trigger's state between polls); kept by reference. */
	staticData?: IDataObject;
}

export function setup(options: RunOptions) {
	const node: INode = {
		id: 'node-under-test',
		name: 'Atlassian',
		type: options.type ?? NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((type) => [type, { id: `cred-${type}`, name: options.credentialNames?.[type] ?? `Test ${type}` }]),
		),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const nodeTypes = new TestNodeTypes(options.nodeTypes ?? { [NODE_TYPE]: new AtlassianUserProvisioning() });
	const workflow = new Workflow({
		id: 'test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
		staticData: options.staticData,
	});
	const credentialsHelper = new TestCredentialsHelper(options.credentials);
	const additionalData = {
		hooks: new ExecutionLifecycleHooks('manual', 'test', { id: 'test', nodes: [node], connections: {} } as never),
		credentialsHelper,
		executionId: 'test',
		restApiUrl: '',
		instanceBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		formWaitingBaseUrl: '',
		variables: {},
		currentNodeExecutionIndex: 0,
	} as unknown as IWorkflowExecuteAdditionalData;
	return { node, workflow, credentialsHelper, additionalData };
}

/** Runs one node with the given input items through WorkflowExecute and returns its output. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const { node, workflow, credentialsHelper, additionalData } = setup(options);
	const input = (options.input ?? [{}]).map((json) => ({ json: json as IDataObject }));
	const runExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node, data: { main: [input] }, source: null }],
		},
	};
	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData as never).processRunExecutionData(workflow);
	const task = run.data.resultData.runData[node.name]?.[0];
	return {
		run,
		error: run.data.resultData.error as RunResult['error'],
		items: task?.data?.main?.[0] ?? [],
		credentialLookups: credentialsHelper.lookups,
	};
}

/** Calls a list search method (the resource locator's "From List") the way n8n's UI does, through LoadOptionsContext. */
export async function runListSearch(
	method: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	filter?: string,
	paginationToken?: string,
	parameters: Record<string, unknown> = { resource: 'user', operation: 'get' },
): Promise<INodeListSearchResult> {
	const nodeType = new AtlassianUserProvisioning();
	const { node, workflow, additionalData } = setup({ parameters, credentials });
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.userId');
	const search = (nodeType.methods.listSearch as Record<string, (this: ILoadOptionsFunctions, f?: string, t?: string) => Promise<INodeListSearchResult>>)[method];
	return await search.call(context, filter, paginationToken);
}

/**
 * Runs a credential's Test button the way n8n 2.41's CredentialsTester does: a declarative `test` on the credential
 * would win (there must be none: it follows redirects with the key), so the node's `testedBy` method is called with
 * n8n-core's own CredentialTestContext, on the credential data with its defaults filled in as n8n fills them.
 */
export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
	name = `Test ${type}`,
): Promise<INodeCredentialTestResult> {
	const credentialType = credentialTypes[type];
	if (credentialType.test) throw new Error(`${type} has a declarative test, which n8n would run instead of the node's`);
	const nodeType = new AtlassianUserProvisioning();
	const testedBy = nodeType.description.credentials?.find((c) => c.name === type)?.testedBy;
	if (typeof testedBy !== 'string') throw new Error(`the node names no credential test for ${type}`);
	const test = (nodeType.methods.credentialTest as Record<string, ICredentialTestFunction>)[testedBy];
	const withDefaults = NodeHelpers.getNodeParameters(credentialType.properties, data as INodeParameters, true, false, null, null) as ICredentialDataDecryptedObject;
	const context = new CredentialTestContext({} as IWorkflowExecuteAdditionalData);
	return await test.call(context, { id: `cred-${type}`, name, type, data: withDefaults });
}
