import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { checkChoices } from '../helpers/choices';
import { resources } from './resources';

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

/** Runs the selected operation once per input item; the one loop and the one error policy. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.operations[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not known`);
	}

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			checkChoices(this, itemIndex, handler.description.properties);
			const result = await handler.execute.call(this, itemIndex);
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({ json: errorItem(error as Error), pairedItem: { item: itemIndex } });
				continue;
			}
			throw error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [returnData];
}
