import { createHandler, getHandler, listHandler, ResourceModule, V1 } from '../core/resource';
import { validationError } from '../core/validate';

/** An ISO 4217 code as Glomo takes it: three upper-case letters. */
const ISO_4217 = /^[A-Z]{3}$/;

export const PRICING_TYPES = ['fixed', 'percentage'] as const;

/**
 * Prices (`/prices`, ids `price_…`, published spec): the fee a platform applies to payments, not a
 * product price. `pricing_type` `fixed` needs `fees_amount` (minor units) and `fees_currency`;
 * `percentage` needs `bps`. A field of the other type is refused (our wording), as is a currency that is not
 * an upper-case ISO 4217 code. No request_id: Glomo does not de-duplicate prices (glomo-domain.md §4), and no webhook
 * (§7.5 has no price events). A price shows only the fields of its type: the published schema types
 * `bps` and `fees_amount` as numbers, so the other type's field is left out rather than null.
 */
export const pricesModule: ResourceModule = {
	name: 'prices',
	kinds: [{ kind: 'price', prefix: 'price_', aliases: ['prices'] }],
	routes: [
		{
			method: 'POST',
			path: `${V1}/prices`,
			handler: createHandler({
				kind: 'price',
				schema: {
					fields: {
						pricing_type: { type: 'string', required: true, enum: PRICING_TYPES },
						fees_amount: { type: 'integer', min: 1 },
						fees_currency: { type: 'string' },
						bps: { type: 'number', min: 1 },
					},
				},
				check: (body) => {
					const problems: string[] = [];
					if (body.pricing_type === 'fixed') {
						if (body.fees_amount === undefined) problems.push("Fees amount can't be blank");
						if (body.fees_currency === undefined) problems.push("Fees currency can't be blank");
						else if (!ISO_4217.test(String(body.fees_currency))) problems.push('Fees currency is not a valid currency');
						if (body.bps !== undefined) problems.push('Bps must be blank for a fixed price');
					} else {
						if (body.bps === undefined) problems.push("Bps can't be blank");
						if (body.fees_amount !== undefined) problems.push('Fees amount must be blank for a percentage price');
						if (body.fees_currency !== undefined) problems.push('Fees currency must be blank for a percentage price');
					}
					if (problems.length) validationError(...problems);
				},
				build: (body) =>
					body.pricing_type === 'fixed'
						? { pricing_type: 'fixed', fees_amount: body.fees_amount, fees_currency: body.fees_currency }
						: { pricing_type: 'percentage', bps: body.bps },
			}),
		},
		{ method: 'GET', path: `${V1}/prices`, handler: listHandler({ kind: 'price' }) },
		{ method: 'GET', path: `${V1}/prices/:id`, handler: getHandler({ kind: 'price', notFound: 'Price not found' }) },
	],
};
