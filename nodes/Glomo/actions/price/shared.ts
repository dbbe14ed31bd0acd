import { idLocator } from '../../helpers/fields';

export const priceIdField = idLocator('price', 'Price', 'searchPrices', {
	description: 'The price (the fee Glomo applies), picked from the list or given by ID (price_…)',
});

/** 10000 basis points are 100 %: a fee above the whole payment cannot be meant. */
export const MAX_BPS = 10_000;
