/**
 * Glomo sandbox: a stateful, in-memory imitation of the Glomo REST API on node:http, for tests and demos.
 *
 *   const sb = await startSandbox({ seed: 42 });
 *   // base URL sb.url (API under /api/v1, /api/v2), key sb.secretKey
 *   await sb.close();
 */
import * as crypto from 'node:crypto';
import { createAdminHandler } from './core/admin';
import { KeyStore } from './core/auth';
import { BalanceBook } from './core/balances';
import { MonotonicClock } from './core/clock';
import { FaultInjector } from './core/faults';
import { Prng } from './core/prng';
import { SandboxContext } from './core/resource';
import { Router } from './core/router';
import { HttpFrontend } from './core/server';
import { IdFactory, Store } from './core/store';
import { WebhookDispatcher } from './core/webhooks';
import { SEED_BALANCES } from './data/reference';
import { RESOURCE_MODULES } from './resources';
import { advanceKycJourney } from './resources/kycLinks';
import { runRenewals } from './resources/subscriptions';
import { AccountSettings, DeliveredWebhook, Faults, RecordedRequest, Sandbox, SandboxOptions } from './types';

export type { AccountSettings, DeliveredWebhook, Faults, RecordedRequest, Sandbox, SandboxOptions } from './types';
export { canonicalJson, signWebhookBody } from './core/canonical';

/** A fresh account's settings: every special behaviour off. */
export const ACCOUNT_DEFAULTS: Readonly<AccountSettings> = {
	payoutQueueing: false,
	makerChecker: false,
	beneficiaryReview: false,
	beneficiaryNotes: [],
	postPaymentScreening: false,
	paymentSessionsDisabled: false,
};

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const seed = opts.seed ?? crypto.randomInt(0, 2 ** 31);
	const root = new Prng(seed);
	const idPrng = root.fork('ids');
	const faultPrng = root.fork('faults');
	const resourcePrng = root.fork('resources');

	const clock = new MonotonicClock();
	const ids = new IdFactory(idPrng);
	const store = new Store(ids, clock);
	const merchantId = ids.make('merch_');
	const keys = await KeyStore.create(merchantId);
	const requests: RecordedRequest[] = [];
	const deliveries: DeliveredWebhook[] = [];
	let webhookSecret = opts.webhookSecret ?? '';
	const webhooks = new WebhookDispatcher(deliveries, opts.webhookUrls ?? [], webhookSecret);
	const faults = new FaultInjector(faultPrng, opts.faults);

	const account: AccountSettings = { ...ACCOUNT_DEFAULTS, beneficiaryNotes: [] };
	const setAccount = (settings: Partial<AccountSettings>): void => {
		const { beneficiaryNotes, ...switches } = settings;
		for (const [key, value] of Object.entries(switches)) {
			if (key in account && typeof value === 'boolean') Object.assign(account, { [key]: value });
		}
		if (Array.isArray(beneficiaryNotes)) account.beneficiaryNotes = beneficiaryNotes.filter((k) => typeof k === 'string');
	};
	setAccount(opts.account ?? {});
	const ctx: SandboxContext = {
		merchantId,
		account,
		clock,
		ids,
		store,
		keys,
		balances: new BalanceBook(opts.balances ?? SEED_BALANCES),
		webhooks,
		prng: resourcePrng,
	};

	const router = new Router();
	for (const mod of RESOURCE_MODULES) {
		for (const kind of mod.kinds ?? []) store.define(kind);
		for (const r of mod.routes) router.add(r);
	}

	const secretKey = keys.issue('sandbox');
	let baseUrl = '';

	const setWebhookTargets = (urls: string[], secret: string): void => {
		webhookSecret = secret;
		webhooks.setTargets(urls, secret);
	};
	const insert = (kind: string, record: Record<string, unknown>): Record<string, unknown> =>
		store.collection(kind).insert(record);

	const frontend = new HttpFrontend({
		ctx,
		keys,
		router,
		faults,
		requests,
		admin: createAdminHandler({
			url: () => baseUrl,
			merchantId,
			requests,
			clearRequests: () => {
				requests.length = 0;
			},
			faults: () => faults.current,
			setFaults: (f) => faults.set(f),
			resetFaults: () => faults.reset(),
			issueKey: (env) => keys.issue(env),
			webhooks: deliveries,
			webhookTargets: () => ({ urls: webhooks.targetUrls, secret: webhookSecret }),
			setWebhookTargets,
			emit: (entityType, eventType, data) => webhooks.emit(entityType, eventType, data),
			insert,
			account: () => ({ ...account }),
			setAccount,
		}),
	});

	const port = await frontend.listen(opts.port ?? 0);
	baseUrl = `http://127.0.0.1:${port}`;
	let closed: Promise<void> | undefined;

	const sandbox: Sandbox = {
		url: baseUrl,
		secretKey,
		issueKey: (env) => keys.issue(env),
		requests,
		clearRequests: () => {
			requests.length = 0;
		},
		onRequest: (fn) => {
			frontend.hook = fn;
		},
		setFaults: (f) => faults.set(f),
		resetFaults: () => faults.reset(),
		setAccount,
		webhooks: deliveries,
		setWebhookTargets,
		emitEvent: async (entityType, eventType, data) => await webhooks.emit(entityType, eventType, data),
		insert,
		advanceKycLink: (id, to) => advanceKycJourney(ctx, id, to),
		runSubscriptionRenewals: (date) => runRenewals(ctx, date),
		close: () => {
			closed ??= Promise.all([frontend.close(), webhooks.close()]).then(() => undefined);
			return closed;
		},
	};
	return sandbox;
}

/** Describe active faults in one line (used by the CLI). */
export function describeFaults(f: Partial<Faults>): string {
	const probe = new FaultInjector(new Prng(0), f);
	return probe.describe();
}
