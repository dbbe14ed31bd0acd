import { Container } from '@n8n/di';
import {
	Credentials,
	ErrorReporter,
	ExecutionLifecycleHooks,
	getAdditionalKeys,
	HookContext,
	LoadOptionsContext,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import { ScheduledTaskManager } from 'n8n-core/dist/execution-engine/scheduled-task-manager';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IExecuteFunctions,
	ICredentialsHelper,
	IConnections,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	Workflow as WorkflowType,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createDeferredPromise, createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { GlomoApi } from '../../credentials/GlomoApi.credentials';
import { Glomo } from '../../nodes/Glomo/Glomo.node';
import { GlomoTrigger } from '../../nodes/GlomoTrigger/GlomoTrigger.node';
import { router } from '../../nodes/Glomo/actions/router';
import { virtualClock } from './clock';
import { TestStart, TransportProbe } from './nodes';

/**
 * The package's classes: from the TypeScript sources (tests), or with GLOMO_FROM_DIST=1 from the
 * build in dist/ exactly as n8n loads it (demo, benchmarks, packaging test).
 */
function packageClasses(): { Glomo: typeof Glomo; GlomoTrigger: typeof GlomoTrigger; GlomoApi: typeof GlomoApi } {
	if (!process.env.GLOMO_FROM_DIST) return { Glomo, GlomoTrigger, GlomoApi };
	const root = join(__dirname, '..', '..', 'dist');
	return {
		Glomo: require(join(root, 'nodes/Glomo/Glomo.node.js')).Glomo,
		GlomoTrigger: require(join(root, 'nodes/GlomoTrigger/GlomoTrigger.node.js')).GlomoTrigger,
		GlomoApi: require(join(root, 'credentials/GlomoApi.credentials.js')).GlomoApi,
	};
}
const classes = packageClasses();

export const GLOMO = 'n8n-nodes-glomo.glomo';
export const GLOMO_TRIGGER = 'n8n-nodes-glomo.glomoTrigger';
export const START = 'test.start';
export const PROBE = 'test.transportProbe';

const nodeTypeMap: Record<string, INodeType> = {
	[GLOMO]: new classes.Glomo(),
	[GLOMO_TRIGGER]: new classes.GlomoTrigger(),
	[START]: new TestStart(),
	[PROBE]: new TransportProbe(),
};

/**
 * The Glomo node with the transport's waits (retry backoff, 429 pauses) on the virtual clock: the
 * real node and router, only the clock injected, so a test of five retries takes no real seconds.
 * Sockets and deadlines still run in real time. From dist/ (demo, benchmarks) the clock stays real.
 */
const glomoOnVirtualClock: INodeType = Object.assign(new classes.Glomo(), {
	async execute(this: IExecuteFunctions) {
		return await router.call(this, { clock: virtualClock });
	},
});

class TestNodeTypes implements INodeTypes {
	constructor(private readonly clock: 'real' | 'virtual' = 'virtual') {}

	getByName(type: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(type);
	}

	getByNameAndVersion(type: string): INodeType {
		const virtual = type === GLOMO && this.clock === 'virtual' && !process.env.GLOMO_FROM_DIST;
		const nodeType = virtual ? glomoOnVirtualClock : nodeTypeMap[type];
		if (!nodeType) throw new Error(`Unknown node type ${type}`);
		return nodeType;
	}

	getKnownTypes() {
		return {};
	}
}

const credentialTypes: Record<string, GlomoApi> = { glomoApi: new classes.GlomoApi() };

// n8n-core's Cipher takes its key from the instance settings, as in n8n: a fixed test key, and a
// throwaway user folder so no settings file lands in the home folder
process.env.N8N_ENCRYPTION_KEY ??= 'glomo-test-encryption-key';
// (removed again when the test file ends: one folder per test file once piled up in the temp folder)
const ownUserFolder = process.env.N8N_USER_FOLDER ? undefined : mkdtempSync(join(tmpdir(), 'glomo-n8n-user-'));
if (ownUserFolder) {
	process.env.N8N_USER_FOLDER = ownUserFolder;
	// suites without the teardown file (the e2e suite imports helpers that load this module) clean up at exit
	process.once('exit', () => rmSync(ownUserFolder, { recursive: true, force: true }));
}

const CREDENTIAL_REF = { id: '1', name: 'Glomo test' };

/**
 * n8n's credentials helper, minus the database: the credential is kept encrypted with n8n-core's
 * own Credentials class and Cipher, and every getDecrypted decrypts it, applies the credential
 * type's defaults and resolves expressions, as n8n's CLI helper does; `authenticate` applies the
 * type's declared `authenticate` block with n8n's expression engine. `decrypts` counts the
 * decryptions, so tests can hold the node to reading its credential once per run.
 */
class CoreCredentialsHelper implements ICredentialsHelper {
	private readonly encrypted: Record<string, string> = {};
	decrypts = 0;

	constructor(data: Record<string, ICredentialDataDecryptedObject>) {
		for (const [type, values] of Object.entries(data)) {
			const credentials = new Credentials(CREDENTIAL_REF, type);
			credentials.setData(values);
			this.encrypted[type] = credentials.getDataToSave().data as string;
		}
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: WorkflowType,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = credentialTypes[typeName]?.authenticate;
		if (!authenticate || authenticate.type !== 'generic') return requestOptions;
		const resolve = (value: string) =>
			String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '') ?? '');
		requestOptions.headers ??= {};
		for (const [name, value] of Object.entries(authenticate.properties.headers ?? {})) {
			requestOptions.headers[resolve(name)] = resolve(String(value));
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const sealed = this.encrypted[type];
		if (!sealed) throw new Error(`No test credentials of type ${type}`);
		this.decrypts++;
		const data = new Credentials(CREDENTIAL_REF, type, sealed).getData();
		if (raw) return data;
		const withDefaults = NodeHelpers.getNodeParameters(credentialTypes[type].properties, data as INodeParameters, true, false, null, null) as INodeParameters;
		if (!expressionResolveValues) return withDefaults as ICredentialDataDecryptedObject;
		const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } = expressionResolveValues;
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { secretsEnabled: false });
		return workflow.expression.getParameterValue(
			withDefaults,
			runExecutionData,
			runIndex,
			itemIndex,
			node.name,
			connectionInputData,
			mode,
			additionalKeys,
			executeData,
			false,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return credentialTypes.glomoApi.properties;
	}
}

export interface GlomoCredentials {
	secretKey: string;
	environment?: 'sandbox' | 'live';
	baseUrl: string;
	webhookSecret?: string;
	/** the credential's Timeout (Seconds) */
	timeout?: number;
	/** the credential's Rate Limit (Requests per Minute) */
	requestsPerMinute?: number;
}

export interface RunResult {
	run: IRun;
	/** json of every item a node output (first output, last run) */
	json(nodeName: string): IDataObject[];
	items(nodeName: string): INodeExecutionData[];
	/** the workflow's error, if it failed */
	error: (Error & { description?: string; httpCode?: string; context?: IDataObject }) | undefined;
	/** everything the run produced, as one string: to search it for leaked secrets */
	dump(): string;
	/** how many times the run decrypted the credential */
	decrypts: number;
}

export interface RunOptions {
	nodes: INode[];
	connections: IConnections;
	credentials: GlomoCredentials;
	/** the workflow's time zone setting (n8n's default otherwise) */
	timezone?: string;
	/** cancels the run when it aborts, as the editor's Stop button does */
	signal?: AbortSignal;
	/** the Glomo node's clock for waits: virtual (default) or real, for limits counted in real time */
	clock?: 'real' | 'virtual';
}

function additionalDataFor(hooks: ExecutionLifecycleHooks | undefined, credentials: GlomoCredentials): IWorkflowExecuteAdditionalData {
	const data = { environment: 'sandbox', webhookSecret: '', ...credentials } as ICredentialDataDecryptedObject;
	return {
		hooks,
		credentialsHelper: new CoreCredentialsHelper({ glomoApi: data }),
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used by these tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('task runners are not used by these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Executes a workflow with n8n-core's WorkflowExecute, as n8n does for a manual run. */
export async function runWorkflow({ nodes, connections, credentials, timezone, signal, clock }: RunOptions): Promise<RunResult> {
	const nodeTypes = new TestNodeTypes(clock);
	const settings = { executionOrder: 'v1' as const, ...(timezone ? { timezone } : {}) };
	const workflow = new Workflow({ id: 'test', nodes, connections, nodeTypes, active: false, settings });
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test',
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
		settings: {},
	} as never);
	const done = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => done.resolve(fullRunData));

	const start = workflow.getNode('Start');
	if (!start) throw new Error('the workflow needs a node named Start');
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }] },
	});
	const additionalData = additionalDataFor(hooks, credentials);
	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const running = workflowExecute.processRunExecutionData(workflow);
	signal?.addEventListener('abort', () => running.cancel(), { once: true });
	await running;
	const run = await done.promise;

	const items = (nodeName: string) => {
		const runs = run.data.resultData.runData[nodeName];
		if (!runs?.length) return [];
		return runs[runs.length - 1].data?.main?.[0] ?? [];
	};
	return {
		run,
		items,
		json: (nodeName) => items(nodeName).map((item) => item.json),
		error: run.data.resultData.error as RunResult['error'],
		decrypts: (additionalData.credentialsHelper as CoreCredentialsHelper).decrypts,
		dump: () =>
			JSON.stringify(run, (_key, value: unknown) =>
				value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
			),
	};
}

let nodeCounter = 0;

/** A Glomo node (or another test node) placed after a Start node that emits `items`. */
export function linearWorkflow(
	step: { type?: string; parameters: IDataObject; continueOnFail?: boolean; name?: string },
	items: IDataObject[] = [{}],
): Pick<RunOptions, 'nodes' | 'connections'> {
	const name = step.name ?? 'Glomo';
	nodeCounter++;
	const nodes: INode[] = [
		{
			id: `start-${nodeCounter}`,
			name: 'Start',
			type: START,
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(items) },
		},
		{
			id: `step-${nodeCounter}`,
			name,
			type: step.type ?? GLOMO,
			typeVersion: 1,
			position: [200, 0],
			parameters: step.parameters as INode['parameters'],
			credentials: { glomoApi: { id: '1', name: 'Glomo test' } },
			...(step.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	];
	const connections: IConnections = {
		Start: { main: [[{ node: name, type: 'main', index: 0 }]] },
	};
	return { nodes, connections };
}


/**
 * Running a node makes n8n-core create process-wide services that start timers (SSH client
 * cleanup, cron logging, release-expiry check). n8n stops them on shutdown; so do tests and scripts.
 */
export async function shutdownN8nServices(): Promise<void> {
	Container.get(SSHClientsManager).onShutdown();
	Container.get(ScheduledTaskManager).deregisterAllCrons();
	await Container.get(ErrorReporter).shutdown(0);
	if (ownUserFolder) rmSync(ownUserFolder, { recursive: true, force: true });
}

/**
 * Calls one of the Glomo node's list-search methods (the "From List" pickers) the way n8n's
 * editor backend does: inside n8n-core's LoadOptionsContext for a node with these parameters.
 */
export async function runListSearch(
	method: string,
	credentials: GlomoCredentials,
	options: { filter?: string; paginationToken?: string; parameters?: IDataObject } = {},
): Promise<INodeListSearchResult> {
	const { nodes, connections } = linearWorkflow({ parameters: options.parameters ?? {} });
	const workflow = new Workflow({ id: 'test', nodes, connections, nodeTypes: new TestNodeTypes(), active: false });
	const node = workflow.getNode('Glomo') as INode;
	const context = new LoadOptionsContext(workflow, node, additionalDataFor(undefined, credentials), 'parameters');
	const search = nodeTypeMap[GLOMO].methods?.listSearch?.[method];
	if (!search) throw new Error(`The Glomo node has no list search ${method}`);
	return await search.call(context, options.filter, options.paginationToken);
}

/** Resolves an expression of the credential type (its test request, its auth header) with n8n's engine. */
export function resolveWithCredentials(value: string, credentials: GlomoCredentials): unknown {
	const { nodes, connections } = linearWorkflow({ parameters: {} });
	const workflow = new Workflow({ id: 'test', nodes, connections, nodeTypes: new TestNodeTypes(), active: false });
	const data = { environment: 'sandbox', webhookSecret: '', ...credentials } as unknown as IDataObject;
	return workflow.expression.getParameterValue(value, null, 0, 0, 'Glomo', [], 'internal', { $credentials: data });
}

export interface WebhookCall {
	/** the trigger's parameters */
	parameters: IDataObject;
	credentials: GlomoCredentials;
	headers?: Record<string, string | string[]>;
	/** the exact bytes Glomo (or an attacker) sent */
	rawBody: Buffer | string;
}

export interface WebhookOutcome {
	/** what the node answered itself (401, 400, 200 acknowledgements), if it did */
	status?: number;
	body?: unknown;
	/** the items that would start the workflow; undefined = no start */
	started?: IDataObject[];
	/** time spent in the node's webhook() alone, in milliseconds */
	nodeMs?: number;
}

function triggerWorkflow(parameters: IDataObject) {
	const node: INode = {
		id: 'trigger',
		name: 'Glomo Trigger',
		type: GLOMO_TRIGGER,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { glomoApi: { id: '1', name: 'Glomo test' } },
		webhookId: 'glomo-test-webhook',
	};
	const workflow = new Workflow({ id: 'trigger-test', nodes: [node], connections: {}, nodeTypes: new TestNodeTypes(), active: true });
	return { workflow, node };
}

/**
 * Delivers one HTTP request to the Glomo Trigger's webhook() inside n8n-core's WebhookContext, as
 * n8n's webhook server does, with a minimal express-like request (raw body kept, as n8n keeps it)
 * and response.
 */
export async function callWebhook(call: WebhookCall): Promise<WebhookOutcome> {
	const { workflow, node } = triggerWorkflow(call.parameters);
	const rawBody = Buffer.isBuffer(call.rawBody) ? call.rawBody : Buffer.from(call.rawBody, 'utf8');
	let body: unknown = {};
	try {
		body = JSON.parse(rawBody.toString('utf8'));
	} catch {
		body = {};
	}
	const headers = Object.fromEntries(Object.entries(call.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
	const outcome: WebhookOutcome = {};
	const response = {
		status(code: number) {
			outcome.status = code;
			return response;
		},
		json(payload: unknown) {
			outcome.body = payload;
			return response;
		},
		send(payload: unknown) {
			outcome.body = payload;
			return response;
		},
		end() {
			return response;
		},
	};
	const additionalData = additionalDataFor(undefined, call.credentials);
	additionalData.httpRequest = { method: 'POST', headers, body, rawBody, query: {}, params: {} } as never;
	additionalData.httpResponse = response as never;
	const webhookData = {
		httpMethod: 'POST' as const,
		node: node.name,
		path: 'glomo-test-webhook/webhook',
		webhookDescription: nodeTypeMap[GLOMO_TRIGGER].description.webhooks![0],
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
	};
	const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
	const before = process.hrtime.bigint();
	const result = await nodeTypeMap[GLOMO_TRIGGER].webhook!.call(context);
	outcome.nodeMs = Number(process.hrtime.bigint() - before) / 1e6;
	if (result.workflowData) outcome.started = result.workflowData[0].map((item) => item.json);
	else if (!result.noWebhookResponse) throw new Error('the trigger neither answered nor started the workflow');
	return outcome;
}

/** Runs the trigger's activation (checkExists, then create) inside n8n-core's HookContext. */
export async function activateTrigger(parameters: IDataObject, credentials: GlomoCredentials): Promise<boolean> {
	const { workflow, node } = triggerWorkflow(parameters);
	const additionalData = additionalDataFor(undefined, credentials);
	const context = new HookContext(workflow, node, additionalData, 'trigger', 'activate');
	const methods = nodeTypeMap[GLOMO_TRIGGER].webhookMethods!.default!;
	if (await methods.checkExists.call(context)) return true;
	return await methods.create.call(context);
}
