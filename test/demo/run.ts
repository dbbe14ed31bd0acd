/**
 * The demo: builds nothing itself (npm run demo builds first), starts the local Glomo sandbox and
 * runs two sample workflows through n8n's real engine with the built package from dist/:
 *   1. Balances report: Start -> Glomo (Balance: Get Many) -> one line per currency
 *   2. Customer onboarding: Start (two customers) -> Glomo (Customer: Create) -> Glomo (Customer: Get Many by email)
 * Usage: npm run demo [-- --keep] (--keep leaves the sandbox running for your own n8n or curl)
 */
process.env.GLOMO_FROM_DIST = '1';

import type { IConnections, INode } from 'n8n-workflow';

import { GLOMO, runWorkflow, shutdownN8nServices, START } from '../harness';
import { startSandbox } from '../sandbox';

const keep = process.argv.includes('--keep');

function node(name: string, type: string, parameters: INode['parameters'], x: number): INode {
	return {
		id: name,
		name,
		type,
		typeVersion: 1,
		position: [x, 0],
		parameters,
		credentials: type === GLOMO ? { glomoApi: { id: 'demo', name: 'Glomo sandbox' } } : undefined,
	};
}

function chain(names: string[]): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i + 1 < names.length; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

async function main() {
	const sandbox = await startSandbox({ port: 0 });
	const credentials = { secretKey: sandbox.secretKey, baseUrl: sandbox.url, environment: 'sandbox' as const };
	console.log(`Glomo sandbox on ${sandbox.url}`);

	console.log('\n1. Balances report  (Start -> Glomo: Balance / Get Many)');
	const balances = await runWorkflow({
		nodes: [node('Start', START, { items: '[{}]' }, 0), node('Balances', GLOMO, { resource: 'balance', operation: 'getAll' }, 200)],
		connections: chain(['Start', 'Balances']),
		credentials,
	});
	if (balances.error) throw balances.error;
	for (const row of balances.json('Balances')) {
		console.log(`   ${row.currency}  available ${String(row.available_decimal).padStart(14)}   pending ${row.pending_decimal}`);
	}

	console.log('\n2. Customer onboarding  (Start -> Glomo: Customer / Create -> Glomo: Customer / Get Many by email)');
	const people = [
		{ name: 'Asha Rao', email: 'asha.rao@example.com', city: 'Bengaluru', state: 'Karnataka', pincode: '560048' },
		{ name: 'Rahul Mehta', email: 'rahul.mehta@example.com', city: 'Mumbai', state: 'Maharashtra', pincode: '400001' },
	];
	const onboarding = await runWorkflow({
		nodes: [
			node('Start', START, { items: JSON.stringify(people) }, 0),
			node(
				'Create Customer',
				GLOMO,
				{
					resource: 'customer',
					operation: 'create',
					name: '={{ $json.name }}',
					customerType: 'individual',
					email: '={{ $json.email }}',
					address: '1 MG Road',
					city: '={{ $json.city }}',
					state: '={{ $json.state }}',
					country: 'IND',
					pincode: '={{ $json.pincode }}',
				},
				200,
			),
			node(
				'Find Customer',
				GLOMO,
				{ resource: 'customer', operation: 'getAll', returnAll: true, filters: { email: '={{ $json.email }}' } },
				400,
			),
		],
		connections: chain(['Start', 'Create Customer', 'Find Customer']),
		credentials,
	});
	if (onboarding.error) throw onboarding.error;
	for (const c of onboarding.json('Create Customer')) console.log(`   created ${c.id}  ${c.name} <${c.email}>`);
	for (const c of onboarding.json('Find Customer')) console.log(`   found   ${c.id}  by email ${c.email}`);

	console.log(`\nThe sandbox received ${sandbox.requests.length} requests:`);
	for (const r of sandbox.requests) console.log(`   ${r.status} ${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ''}`);

	if (keep) {
		console.log(`\nSandbox still running. Base URL: ${sandbox.url}\nSecret key: ${sandbox.secretKey}\nCtrl-C to stop.`);
		const stop = async () => {
			await sandbox.close();
			process.exit(0);
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
		return;
	}
	await sandbox.close();
	await shutdownN8nServices();
	console.log('\nDemo finished.');
}

main().catch((error: Error) => {
	console.error(`Demo failed: ${error.message}`);
	process.exit(1);
});
