import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { createClient, type GlomoRequest } from '../../nodes/Glomo/transport';
import { virtualClock } from './clock';

/** Files a Test Start item carries as binary data, by field name. */
export type TestFiles = Record<string, { base64: string; fileName?: string; mimeType?: string }>;

/**
 * n8n-nodes-base (and so the Manual Trigger) is not installed with n8n-core: this node starts a
 * test workflow and emits the items given in its `items` parameter.
 */
export class TestStart implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Start',
		name: 'testStart',
		group: ['trigger'],
		version: 1,
		description: 'Starts a test workflow with fixed items',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' },
			// per item, files to attach as n8n binary data: { [field]: { base64, fileName?, mimeType? } }
			{ displayName: 'Binary', name: 'binary', type: 'json', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		const rawFiles = this.getNodeParameter('binary', 0, '') as string | TestFiles[];
		const files = (typeof rawFiles === 'string' ? (rawFiles ? JSON.parse(rawFiles) : []) : rawFiles) as TestFiles[];
		return [
			await Promise.all(
				items.map(async (json, index) => {
					const attached = Object.entries(files[index] ?? {});
					if (!attached.length) return { json };
					// n8n-core's own binary helper, as a node reading a file does
					const binary: INodeExecutionData['binary'] = {};
					for (const [field, file] of attached) {
						binary[field] = await this.helpers.prepareBinaryData(Buffer.from(file.base64, 'base64'), file.fileName, file.mimeType);
					}
					return { json, binary };
				}),
			),
		];
	}
}

/**
 * Calls the package's real transport with a request described in its parameters, so transport
 * behaviour (retries, request_id recovery, sandbox-only guard, paging) is tested for requests no
 * operation of the node sends yet. It is the transport under test, not a stand-in for it.
 */
export class TransportProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transport Probe',
		name: 'transportProbe',
		group: ['transform'],
		version: 1,
		description: 'Sends one request through the Glomo transport',
		defaults: { name: 'Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'glomoApi', required: true }],
		properties: [
			{ displayName: 'Request', name: 'request', type: 'json', default: '{}' },
			{ displayName: 'List', name: 'list', type: 'json', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		const items = this.getInputData();
		// one client per run, as the Glomo node's router makes; waits on the virtual clock (tests that
		// measure real time use the Glomo node with the harness's real clock)
		const glomo = createClient(this, { clock: virtualClock });
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const parse = (name: string) => {
				const value = this.getNodeParameter(name, itemIndex) as string | IDataObject;
				return typeof value === 'string' ? (value ? JSON.parse(value) : undefined) : value;
			};
			const request = { ...(parse('request') as GlomoRequest), itemIndex };
			const list = parse('list');
			try {
				const result = list ? await glomo.list(request, list) : await glomo.request(request);
				out.push(...this.helpers.returnJsonArray(result).map((item) => ({ ...item, pairedItem: { item: itemIndex } })));
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return [out];
	}
}
