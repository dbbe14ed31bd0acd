import { badRequest } from '../core/errors';
import { ApiRequest, listHandler, loadRecord, ResourceModule, SandboxContext, V1 } from '../core/resource';
import { StoredRecord } from '../core/store';
import { isPlainObject, validateBody } from '../core/validate';
import { SWIFT } from '../data/banks';
import { ISO_ALPHA3 } from '../data/reference';

/** What one validation costs when it runs (illustrative), in USD minor units. */
const FEE = { amount: 25, currency: 'USD' };
const ACCOUNT_KEYS = ['country', 'holder_name', 'account_number', 'bic_primary', 'bic_secondary'];

const alpha3 = (value: unknown) => (ISO_ALPHA3.has(String(value).toUpperCase()) ? undefined : 'must be a valid ISO 3166-1 alpha-3 code');
const swift = (value: unknown) => {
	const code = String(value).trim().toUpperCase();
	if (code.length < 8 || code.length > 11) return 'must be 8 to 11 characters long';
	return SWIFT.test(code) ? undefined : 'is invalid';
};

interface Account {
	country: string;
	holder_name: string;
	account_number: string;
	bic_primary: string;
	bic_secondary: string;
}

/** The account a request names: given in full, or a saved beneficiary's (`{id: "bene_…"}`). */
function accountOf(req: ApiRequest, ctx: SandboxContext): { account: Partial<Account>; beneficiaryId: string | null } {
	const body = req.body === undefined ? {} : req.body;
	if (!isPlainObject(body)) throw badRequest('Request body must be a JSON object');
	if (body.id !== undefined) {
		if (ACCOUNT_KEYS.some((key) => body[key] !== undefined)) {
			throw badRequest('Send either id or the bank account details, not both');
		}
		if (typeof body.id !== 'string' || body.id.trim() === '') throw badRequest("Validation failed: Id can't be blank");
		const bene = loadRecord(ctx, 'beneficiary', body.id, 'Beneficiary not found');
		const bank = isPlainObject(bene.bank_account) ? bene.bank_account : undefined;
		if (!bank || typeof bank.account_number !== 'string') throw badRequest('Beneficiary has no bank account to validate');
		const address = isPlainObject(bene.address) ? bene.address : {};
		return {
			beneficiaryId: bene.id,
			account: {
				country: typeof address.country_code === 'string' ? address.country_code : undefined,
				holder_name: String(bene.name ?? ''),
				account_number: bank.account_number,
				bic_primary: typeof bank.swift_code === 'string' ? bank.swift_code : '',
				bic_secondary: typeof bank.local_routing_number === 'string' ? bank.local_routing_number : '',
			},
		};
	}
	const clean = validateBody(body, {
		fields: {
			country: { type: 'string', required: true, check: alpha3 },
			holder_name: { type: 'string', required: true },
			account_number: { type: 'string', required: true },
			bic_primary: { type: 'string', required: true, check: swift },
			bic_secondary: { type: 'string', required: true },
		},
	});
	const account = clean as unknown as Account;
	return { beneficiaryId: null, account: { ...account, country: account.country.toUpperCase() } };
}

/**
 * The outcome, deterministic for tests: a bank code ZZZZ (the sandbox's unresolvable bank) makes
 * the process itself fail; an account number of zeros is "not found"; anything else is found and
 * registered to the holder. `status` says whether the process ran, not whether the account is valid.
 */
function outcome(account: Partial<Account>): Record<string, unknown> {
	const codes = [account.bic_primary, account.bic_secondary].map((code) => String(code ?? '').toUpperCase());
	if (codes.some((code) => code.startsWith('ZZZZ'))) {
		return {
			status: 'failed',
			validation_message: 'The bank could not be reached to validate this account',
			fee_charged: { ...FEE, amount: 0 },
		};
	}
	if (/^0+$/.test(String(account.account_number))) {
		return { status: 'success', validation_message: 'No account was found with these details', fee_charged: { ...FEE } };
	}
	return {
		status: 'success',
		validation_message: `The account is registered to ${String(account.holder_name).trim()}`,
		fee_charged: { ...FEE },
	};
}

function present(r: StoredRecord): unknown {
	return {
		id: r.id,
		status: r.status,
		validation_message: r.validation_message,
		fee_charged: r.fee_charged,
		created_at: r.created_at,
	};
}

/**
 * `POST /bank_account_validation` (an account in full, or `{id}` of a saved beneficiary) → 200 with
 * the validation; `GET /bank_account_validation` (beneficiary_account_id, country, paging).
 */
export const bankAccountValidationsModule: ResourceModule = {
	name: 'bank_account_validation',
	kinds: [{ kind: 'bank_account_validation', prefix: 'aval_', aliases: ['bank_account_validations'] }],
	routes: [
		{
			method: 'POST',
			path: `${V1}/bank_account_validation`,
			handler: (req, ctx) => {
				const { account, beneficiaryId } = accountOf(req, ctx);
				const record = ctx.store.collection('bank_account_validation').insert({
					...outcome(account),
					beneficiary_account_id: beneficiaryId,
					country: account.country ?? null,
				});
				return { status: 200, body: present(record) };
			},
		},
		{
			method: 'GET',
			path: `${V1}/bank_account_validation`,
			handler: listHandler({
				kind: 'bank_account_validation',
				filters: [{ param: 'beneficiary_account_id' }, { param: 'country', match: 'ci' }],
				present: (r) => present(r),
			}),
		},
	],
};
