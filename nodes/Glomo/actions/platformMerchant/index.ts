import { defineResource } from '../../helpers/operation';
import * as get from './get.operation';
import * as mockStatusUpdate from './mockStatusUpdate.operation';
import * as onboard from './onboard.operation';
import * as update from './update.operation';

export const platformMerchant = defineResource(
	{ name: 'Platform Merchant', value: 'platformMerchant', description: 'Platforms · child merchants onboarded under your platform account' },
	{ get, mockStatusUpdate, onboard, update },
	'get',
);
