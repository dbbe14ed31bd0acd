import type { IDataObject } from 'n8n-workflow';

import { openConnection, type GlomoConnection, type GlomoContext } from '../helpers/connection';
import { assertEnvironment } from '../helpers/environment';
import { RateGate, realClock, type Clock } from './gate';
import { listAll, type ListOptions } from './pagination';
import { sendRequest, type GlomoRequest } from './request';

/** Requests of one node run in flight at once, whatever mix of items and pages they serve. */
export const MAX_IN_FLIGHT = 8;

/** What one node run shares between its requests: the checked credential and the rate gate. */
export interface GlomoSession {
	connection: GlomoConnection;
	gate: RateGate;
	clock: Clock;
}

/** The transport as operations see it: one request, or every page of a listing. */
export interface GlomoClient {
	request(request: GlomoRequest): Promise<any>;
	list(request: GlomoRequest, list: ListOptions): Promise<IDataObject[]>;
}

/**
 * A client for one node run (or one dropdown search). The credential is read, decrypted and
 * checked once, on the first request, and shared by every item and page; so is the rate gate.
 * Nothing outlives the run: n8n's queue mode runs many processes, and each run gets its own.
 */
export function createClient(ctx: GlomoContext, { clock = realClock }: { clock?: Clock } = {}): GlomoClient {
	let opening: Promise<GlomoSession> | undefined;
	const session = async (request: GlomoRequest): Promise<GlomoSession> => {
		opening ??= openConnection
			.call(ctx, request.itemIndex)
			.then((connection) => ({ connection, gate: new RateGate(connection.perMinute, MAX_IN_FLIGHT, clock), clock }));
		const opened = await opening;
		if (request.sandboxOnly) {
			assertEnvironment(ctx.getNode(), opened.connection.credentials.data ?? {}, true, request.itemIndex);
		}
		return opened;
	};
	return {
		request: async (request) => await sendRequest.call(ctx, await session(request), request),
		list: async (request, list) => await listAll.call(ctx, await session(request), request, list),
	};
}
