import type { ResourceModule } from '../helpers/operation';
import { apiKey } from './apiKey';
import { balance } from './balance';
import { balanceConversion } from './balanceConversion';
import { bankAccountValidation } from './bankAccountValidation';
import { beneficiary } from './beneficiary';
import { customer } from './customer';
import { document } from './document';
import { fx } from './fx';
import { internalTransfer } from './internalTransfer';
import { kycLink } from './kycLink';
import { order } from './order';
import { payment } from './payment';
import { paymentLink } from './paymentLink';
import { paymentSession } from './paymentSession';
import { payout } from './payout';
import { platformMerchant } from './platformMerchant';
import { price } from './price';
import { quote } from './quote';
import { refund } from './refund';
import { rfi } from './rfi';
import { settlement } from './settlement';
import { subscription } from './subscription';
import { virtualAccount } from './virtualAccount';

/** Every resource of the node, in the order of the Resource dropdown (alphabetical). */
export const resources: Record<string, ResourceModule> = {
	apiKey,
	balance,
	balanceConversion,
	bankAccountValidation,
	beneficiary,
	customer,
	document,
	fx,
	internalTransfer,
	kycLink,
	order,
	payment,
	paymentLink,
	paymentSession,
	payout,
	platformMerchant,
	price,
	quote,
	refund,
	rfi,
	settlement,
	subscription,
	virtualAccount,
};
