import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { MERCHANT_CATEGORIES, subCategoriesOf } from '../helpers/merchantCategories';

/** The Category as the editor holds it (an expression the editor cannot resolve counts as none). */
function chosenCategory(ctx: ILoadOptionsFunctions): string | undefined {
	const current = ctx.getCurrentNodeParameter('merchantCategory') ?? ctx.getNodeParameter('merchantCategory', '', { rawExpressions: true });
	return typeof current === 'string' && !current.startsWith('=') && current ? current : undefined;
}

/**
 * Onboard's Sub-Category: the sub-categories of the chosen Category (every category's when the
 * Category is an expression), alphabetically, narrowed by what the user types. No request is sent.
 */
export async function searchMerchantSubCategories(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const category = chosenCategory(this);
	const names = category ? subCategoriesOf(category) : MERCHANT_CATEGORIES.flatMap((entry) => entry.subCategories);
	const term = (filter ?? '').trim().toLowerCase();
	const results = names
		.filter((name) => name.toLowerCase().includes(term))
		.map((name) => ({ name, value: name }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
