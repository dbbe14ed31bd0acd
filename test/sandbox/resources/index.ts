import { ResourceModule } from '../core/resource';
import { apiKeysModule } from './apiKeys';
import { balanceConversionsModule } from './balanceConversions';
import { balancesModule } from './balances';
import { bankAccountValidationsModule } from './bankAccountValidations';
import { beneficiariesModule } from './beneficiaries';
import { customersModule } from './customers';
import { documentsModule } from './documents';
import { fxRateModule } from './fxRate';
import { internalTransfersModule } from './internalTransfers';
import { kycLinksModule } from './kycLinks';
import { merchantsModule } from './merchants';
import { ordersModule } from './orders';
import { paymentLinksModule } from './paymentLinks';
import { paymentSessionsModule } from './paymentSessions';
import { paymentsModule } from './payments';
import { payoutsModule } from './payouts';
import { pricesModule } from './prices';
import { quotesModule } from './quotes';
import { refundsModule } from './refunds';
import { rfisModule } from './rfis';
import { settlementsModule } from './settlements';
import { subscriptionsModule } from './subscriptions';
import { virtualAccountsModule } from './virtualAccounts';

/** Every simulated resource. Adding one = write its module file and list it here. */
export const RESOURCE_MODULES: readonly ResourceModule[] = [
	balancesModule,
	fxRateModule,
	balanceConversionsModule,
	customersModule,
	apiKeysModule,
	payoutsModule,
	ordersModule,
	paymentLinksModule,
	paymentsModule,
	refundsModule,
	settlementsModule,
	internalTransfersModule,
	merchantsModule,
	beneficiariesModule,
	bankAccountValidationsModule,
	documentsModule,
	rfisModule,
	quotesModule,
	pricesModule,
	paymentSessionsModule,
	kycLinksModule,
	subscriptionsModule,
	virtualAccountsModule,
];
