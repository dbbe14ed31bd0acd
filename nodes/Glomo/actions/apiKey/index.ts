import { defineResource } from '../../helpers/operation';
import * as rotate from './rotate.operation';

export const apiKey = defineResource(
	{ name: 'API Key', value: 'apiKey', description: 'Account · rotate the secret key' },
	{ rotate },
	'rotate',
);
