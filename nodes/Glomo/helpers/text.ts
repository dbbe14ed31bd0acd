import type { IExecuteFunctions } from 'n8n-workflow';

import { invalid } from './params';

/** A text Glomo caps at `max` characters (counted as the user sees them), refused by name when longer. */
export function checkLength(ctx: IExecuteFunctions, text: string | undefined, max: number, itemIndex: number, field: string): string | undefined {
	const length = text === undefined ? 0 : [...text].length;
	if (length > max) {
		throw invalid(ctx, itemIndex, field, `is ${length} characters long; Glomo takes at most ${max}`, 'Shorten it. Nothing was sent to Glomo.');
	}
	return text;
}
