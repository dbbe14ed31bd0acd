import { ResourceModule } from '../core/resource';
import { apiKeysModule } from './apiKeys';
import { balanceConversionsModule } from './balanceConversions';
import { balancesModule } from './balances';
import { customersModule } from './customers';
import { fxRateModule } from './fxRate';
import { ordersModule } from './orders';
import { payoutsModule } from './payouts';

/** Every simulated resource. Adding one = write its module file and list it here. */
export const RESOURCE_MODULES: readonly ResourceModule[] = [
	balancesModule,
	fxRateModule,
	balanceConversionsModule,
	customersModule,
	apiKeysModule,
	payoutsModule,
	ordersModule,
];
