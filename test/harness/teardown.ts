import { shutdownN8nServices } from './index';

/** Each test file stops what running nodes started in n8n-core, so jest exits by itself. */
afterAll(async () => await shutdownN8nServices());
