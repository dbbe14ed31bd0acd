import { ResourceModule, V1 } from '../core/resource';

/** `GET /balances`: available and pending balances per currency (minor units). */
export const balancesModule: ResourceModule = {
	name: 'balances',
	routes: [
		{
			method: 'GET',
			path: `${V1}/balances`,
			handler: (_req, ctx) => ({ status: 200, body: ctx.balances.snapshot() }),
		},
	],
};
