import { badRequest } from '../core/errors';
import { ResourceModule, V1 } from '../core/resource';
import { isKnownCurrency, midMarketRate } from '../data/reference';

/** How long a quoted mid-market rate is said to stay cached. */
const RATE_TTL_MS = 5 * 60_000;

function currencyParam(query: Record<string, string>, name: string): string {
	const raw = query[name];
	if (raw === undefined || raw.trim() === '') throw badRequest(`${name} is missing`);
	if (!isKnownCurrency(raw)) throw badRequest(`${name} is not a supported currency: ${raw}`);
	return raw;
}

/** `GET /fx-rate?source_currency=&destination_currency=`: fixed mid-market table. */
export const fxRateModule: ResourceModule = {
	name: 'fx-rate',
	routes: [
		{
			method: 'GET',
			path: `${V1}/fx-rate`,
			handler: (req) => {
				const source = currencyParam(req.query, 'source_currency');
				const destination = currencyParam(req.query, 'destination_currency');
				return {
					status: 200,
					body: {
						source_currency: source,
						destination_currency: destination,
						rate: midMarketRate(source, destination),
						expires_at: new Date(Date.now() + RATE_TTL_MS).toISOString(),
					},
				};
			},
		},
	],
};
