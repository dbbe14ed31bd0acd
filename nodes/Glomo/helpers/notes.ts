import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalid, optionalText } from './params';

/** Notes: the user's own key-value data Glomo keeps on a record (each key becomes a report column). */
export function notesField(noun: string): INodeProperties {
	return {
		displayName: 'Notes',
		name: 'notes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Note',
		description: `Your own key-value data kept on the ${noun} (each key becomes a report column)`,
		options: [
			{
				displayName: 'Note',
				name: 'note',
				values: [
					{
						displayName: 'Key',
						name: 'key',
						type: 'string',
						default: '',
						placeholder: 'cost_center',
						description: 'Name of the note, required for every note; it becomes a column in Glomo\'s reports',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'CC-1042',
						description: 'The text kept under the key; left empty, the key is sent with no value (null)',
					},
				],
			},
		],
	};
}

/** The Notes field (inside Options) as Glomo's string-to-string object; undefined when empty. */
export function getNotes(ctx: IExecuteFunctions, value: unknown, itemIndex: number): IDataObject | undefined {
	const entries = (value as { note?: Array<{ key?: unknown; value?: unknown }> } | undefined)?.note ?? [];
	if (!entries.length) return undefined;
	const notes: IDataObject = {};
	for (const entry of entries) {
		const key = optionalText(entry.key);
		if (!key) throw invalid(ctx, itemIndex, 'Options > Notes > Key', 'is required for every note');
		notes[key] = optionalText(entry.value) ?? null;
	}
	return notes;
}
