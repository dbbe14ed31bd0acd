/** The one transport to Glomo: single requests (request.ts) and listings (pagination.ts). */
export { glomoApiRequest, glomoUrl, type GlomoRequest } from './request';
export { glomoApiRequestAllItems, type ListOptions } from './pagination';
