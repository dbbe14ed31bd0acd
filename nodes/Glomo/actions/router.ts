import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { checkChoices } from '../helpers/choices';
import { settleInOrder } from '../helpers/concurrency';
import { createClient } from '../transport';
import type { Clock } from '../transport/gate';
import { resources } from './resources';

/** Items of a read-only operation sent at once; writes go one at a time, in input order. */
export const ITEMS_AT_ONCE = 4;

/** What continueOnFail puts in an item instead of stopping: the message, status and Glomo's code. */
function errorItem(error: Error): IDataObject {
	const out: IDataObject = { error: error.message };
	if (error instanceof NodeApiError) {
		if (error.description) out.description = error.description;
		if (error.httpCode) out.httpCode = error.httpCode;
		if (error.context?.glomoCode) out.code = error.context.glomoCode as string;
		// a write that may or may not have been carried out: workflows can branch on it
		if (error.context?.outcome) out.outcome = error.context.outcome as string;
		if (error.context?.requestId) out.request_id = error.context.requestId as string;
	}
	return out;
}

/**
 * Runs the selected operation once per input item: the one loop and the one error policy. The
 * items share one client (the credential is read once per run, one rate gate). Read-only
 * operations run ITEMS_AT_ONCE items at a time; output keeps input order and pairedItem either way.
 * The clock is the real one in n8n; tests hand in a virtual one, so waits take no real time.
 */
export async function router(this: IExecuteFunctions, { clock }: { clock?: Clock } = {}): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.operations[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not known`);
	}

	const glomo = createClient(this, { clock });
	const continueOnFail = this.continueOnFail();
	const settled = await settleInOrder(
		items.length,
		handler.description.readOnly ? ITEMS_AT_ONCE : 1,
		async (itemIndex) => {
			checkChoices(this, itemIndex, handler.description.properties);
			return await handler.execute.call(this, itemIndex, glomo);
		},
		!continueOnFail,
	);

	const returnData: INodeExecutionData[] = [];
	for (const [itemIndex, result] of settled.entries()) {
		if (result.ok) {
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result.value), {
					itemData: { item: itemIndex },
				}),
			);
		} else if (continueOnFail) {
			returnData.push({ json: errorItem(result.error as Error), pairedItem: { item: itemIndex } });
		} else {
			const error = result.error;
			throw error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [returnData];
}
