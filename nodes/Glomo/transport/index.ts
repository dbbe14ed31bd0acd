/** The one transport to Glomo: single requests (request.ts) and listings (pagination.ts). */
export { glomoApiRequest, glomoUrl, retryAfterMs, sendRequest, type ExpectedAnswer, type GlomoRequest } from './request';
export { glomoApiRequestAllItems, type ListOptions } from './pagination';
