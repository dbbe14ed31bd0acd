/** The one transport to Glomo: a client per node run (client.ts) over single requests (request.ts) and listings (pagination.ts). */
export { createClient, type GlomoClient } from './client';
export { glomoUrl, type GlomoRequest } from './request';
export type { ListOptions } from './pagination';
