import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GlomoClient } from '../transport';

export type OperationResult = IDataObject | IDataObject[];

export interface OperationDescription {
	/** the entry in the Operation dropdown */
	option: INodePropertyOptions & { action: string };
	/** the operation's fields, shown only for this resource and operation */
	properties: INodeProperties[];
	/** it only reads (GET): its items may be sent several at a time */
	readOnly: boolean;
}

export interface OperationModule {
	description: OperationDescription;
	/** one item: `glomo` is the node run's client, shared by every item */
	execute(this: IExecuteFunctions, itemIndex: number, glomo: GlomoClient): Promise<OperationResult>;
}

export interface ResourceModule {
	option: INodePropertyOptions;
	properties: INodeProperties[];
	operations: Record<string, OperationModule>;
}

export function defineOperation(
	resource: string,
	option: OperationDescription['option'],
	properties: INodeProperties[],
	{ readOnly = false }: { readOnly?: boolean } = {},
): OperationDescription {
	return {
		option,
		readOnly,
		properties: updateDisplayOptions({ show: { resource: [resource], operation: [String(option.value)] } }, properties),
	};
}

/**
 * A resource from its operation modules: the Operation dropdown (sorted, as n8n's style wants) and
 * every operation's fields. Adding an operation is adding its module to `operations`.
 */
export function defineResource(
	option: INodePropertyOptions,
	operations: Record<string, OperationModule>,
	defaultOperation: string,
): ResourceModule {
	const resource = String(option.value);
	const dropdown: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: Object.values(operations)
			.map((operation) => operation.description.option)
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultOperation,
	};
	const byValue: Record<string, OperationModule> = {};
	for (const operation of Object.values(operations)) byValue[String(operation.description.option.value)] = operation;
	return {
		option,
		properties: [dropdown, ...Object.values(operations).flatMap((operation) => operation.description.properties)],
		operations: byValue,
	};
}
