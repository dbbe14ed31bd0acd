import type { IDataObject } from 'n8n-workflow';

import { linearWorkflow, PROBE, runWorkflow, type GlomoCredentials, type RunResult } from '../harness';
import type { GlomoRequest, ListOptions } from '../../nodes/Glomo/transport';

/** Runs one request through the real transport (inside a real workflow run), its waits on the virtual clock. */
export async function probe(
	credentials: GlomoCredentials,
	request: Omit<GlomoRequest, 'itemIndex'>,
	options: { list?: ListOptions; continueOnFail?: boolean; signal?: AbortSignal; items?: IDataObject[] } = {},
): Promise<RunResult> {
	const parameters: IDataObject = {
		request: JSON.stringify(request),
		list: options.list ? JSON.stringify(options.list) : '',
	};
	return await runWorkflow({
		...linearWorkflow({ type: PROBE, name: 'Probe', parameters, continueOnFail: options.continueOnFail }, options.items),
		credentials,
		signal: options.signal,
	});
}

export const payoutBody = (requestId?: string): IDataObject => ({
	beneficiary_id: 'bene_5JU9yv0lGSUPa',
	purpose_code: 'S0001',
	source_currency: 'USD',
	destination_currency: 'EUR',
	source_amount: 10000,
	...(requestId ? { request_id: requestId } : {}),
});
