import { Container } from '@n8n/di';
import { ErrorReporter } from 'n8n-core';
import { ScheduledTaskManager } from 'n8n-core/dist/execution-engine/scheduled-task-manager';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

/**
 * Running a node makes n8n-core create a few process-wide services that start timers (SSH client
 * cleanup, cron logging, release-expiry check). n8n stops them on shutdown; a test file does the
 * same after its last test, so jest exits by itself.
 */
afterAll(async () => {
	Container.get(SSHClientsManager).onShutdown();
	Container.get(ScheduledTaskManager).deregisterAllCrons();
	await Container.get(ErrorReporter).shutdown(0);
});
