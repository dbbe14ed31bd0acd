import type { ResourceModule } from '../helpers/operation';
import { apiKey } from './apiKey';
import { balance } from './balance';
import { balanceConversion } from './balanceConversion';
import { customer } from './customer';
import { fx } from './fx';

/** Every resource of the node, in the order of the Resource dropdown (alphabetical). */
export const resources: Record<string, ResourceModule> = {
	apiKey,
	balance,
	balanceConversion,
	customer,
	fx,
};
