import { defineResource } from '../../helpers/operation';
import * as rotate from './rotate.operation';

export const apiKey = defineResource(
	{ name: 'API Key', value: 'apiKey', description: 'Rotate the secret key' },
	{ rotate },
	'rotate',
);
