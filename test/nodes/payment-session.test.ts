/**
 * Payment Session › Create (supplement, inferred), end-to-end through WorkflowExecute against the
 * sandbox: the exact request, Glomo's answer as the output (a token for the Web SDK, no URL), the
 * refusals of the node before sending, and Glomo's 403 when sessions are not enabled.
 */
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../harness/use-sandbox';
import { customerRecord, expectApiError, expectBearer, expectOperationError, rl, runGlomo, summary } from './helpers';

const sandbox = useSandbox({ seed: 3202 });

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const params = (overrides: IDataObject = {}): IDataObject => ({ resource: 'paymentSession', operation: 'create', ...overrides });

/** The claims of a JWT, read without checking its signature. */
function claims(token: string): IDataObject {
	return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as IDataObject;
}

// a later test switches sessions off: every test starts with them on, as the sandbox does
beforeEach(() => sandbox.setAccount({ paymentSessionsDisabled: false }));
afterAll(() => sandbox.setAccount({ paymentSessionsDisabled: false }));

describe('Payment Session › Create', () => {
	it('POSTs the customer and the KYC prefill and outputs the session as Glomo answers it: a token, no URL', async () => {
		const customer = sandbox.insert('customer', customerRecord());
		const result = await runGlomo(
			sandbox,
			params({
				customerId: rl(String(customer.id), 'list'),
				options: { sessionType: 'kyc_lrs' },
				kycPrefill: { pan: ' abcde1234f ', phone: '+91-9023456789', country: 'IND', dob: '1990-04-23T00:00:00' },
			}),
		);

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([
			{
				method: 'POST',
				path: '/api/v1/payment-sessions',
				query: {},
				body: {
					session_type: 'kyc_lrs',
					customer_id: customer.id,
					kyc: { pan: 'ABCDE1234F', phone: '+91-9023456789', country: 'IND', dob: '1990-04-23' },
				},
			},
		]);
		expectBearer(sandbox.requests, sandbox.secretKey);
		expect(sandbox.requests[0].status).toBe(201);
		const out = result.json('Glomo');
		expect(out).toEqual([{ id: expect.stringMatching(/^psess_[A-Za-z0-9]{13}$/), token: expect.stringMatching(JWT), expires_at: expect.stringMatching(ISO) }]);
		expect(out[0]).toEqual(sandbox.requests[0].responseBody);
		expect(claims(String(out[0].token))).toMatchObject({ sid: out[0].id, session_type: 'kyc_lrs' });
		expect(Date.parse(String(out[0].expires_at))).toBeGreaterThan(Date.now());
	});

	it('POSTs an email instead of a customer', async () => {
		const result = await runGlomo(sandbox, params({ email: ' new.payer@example.com ', kycPrefill: { country: 'ARE' } }));

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map((r) => r.body)).toEqual([{ email: 'new.payer@example.com', kyc: { country: 'ARE' } }]);
		expect(result.json('Glomo')[0]).toMatchObject({ id: expect.stringMatching(/^psess_/), token: expect.stringMatching(JWT) });
	});

	it('POSTs nothing but the call for an anonymous session (n8n sends an empty body as none)', async () => {
		const result = await runGlomo(sandbox, params());

		expect(result.error).toBeUndefined();
		expect(sandbox.requests.map(summary)).toEqual([{ method: 'POST', path: '/api/v1/payment-sessions', query: {}, body: undefined }]);
		expect(result.json('Glomo')).toHaveLength(1);
	});

	it('sends a create once: no request_id, no retry after a server error', async () => {
		sandbox.setFaults({ rate5xx: 1 });
		const result = await runGlomo(sandbox, params({ email: 'once@example.com' }));

		expect(result.error?.name).toBe('NodeApiError');
		expect(sandbox.requests.map((r) => r.body)).toEqual([{ email: 'once@example.com' }]);
	});

	it("fails with Glomo's 403 message when payment sessions are not enabled for the business", async () => {
		sandbox.setAccount({ paymentSessionsDisabled: true });
		const result = await runGlomo(sandbox, params({ email: 'blocked@example.com' }));

		expectApiError(result, 'Payment sessions are not enabled for this business', '403');
		expect(sandbox.requests.map((r) => [r.method, r.path, r.status])).toEqual([['POST', '/api/v1/payment-sessions', 403]]);
		expect(sandbox.requests[0].responseBody).toEqual({ error: 'Forbidden', message: 'Payment sessions are not enabled for this business' });
	});

	it('fails with "Customer not found" for a customer Glomo does not have', async () => {
		const result = await runGlomo(sandbox, params({ customerId: rl('cust_doesNotExist01') }));

		expectApiError(result, 'Customer not found', '404');
		expect(sandbox.requests).toHaveLength(1);
	});

	it.each([
		[
			'both a customer and an email',
			params({ customerId: rl('cust_E602dMzgjpDC'), email: 'both@example.com' }),
			'Customer and Email: give one or the other, not both',
		],
		['a KYC prefill for nobody', params({ kycPrefill: { pan: 'ABCDE1234F' } }), 'KYC Prefill: needs a Customer or an Email'],
		['a phone without its country', params({ email: 'p@example.com', kycPrefill: { phone: '+91-9023456789' } }), 'KYC Prefill > Country: is required with a Phone'],
		['a PAN that is not one', params({ email: 'p@example.com', kycPrefill: { pan: 'ABC123' } }), 'KYC Prefill > PAN: "ABC123" is not a PAN'],
		['a phone without its country code', params({ email: 'p@example.com', kycPrefill: { phone: '9023456789', country: 'IND' } }), 'KYC Prefill > Phone: "9023456789" is not a phone number with its country code'],
		['a country that is not alpha-3', params({ email: 'p@example.com', kycPrefill: { country: '={{ "IN" }}' } }), 'KYC Prefill > Country: "IN" is not an ISO 3166-1 alpha-3 country code'],
		['a date of birth that is not a date', params({ email: 'p@example.com', kycPrefill: { dob: '={{ "yesterday" }}' } }), 'KYC Prefill > Date of Birth: "yesterday" is not a date'],
		['a date of birth in the future', params({ email: 'p@example.com', kycPrefill: { dob: '2999-01-01' } }), 'KYC Prefill > Date of Birth: 2999-01-01 is not in the past'],
		['a date of birth of today', params({ email: 'p@example.com', kycPrefill: { dob: `={{ $now.toISODate() }}` } }), /^KYC Prefill > Date of Birth: \d{4}-\d{2}-\d{2} is not in the past$/],
		['an email that is not one', params({ email: 'not-an-email' }), 'Email: "not-an-email" is not an email address'],
		['a customer ID of another kind', params({ customerId: rl('={{ "payt_E602dMzgjpDC" }}') }), 'Customer: "payt_E602dMzgjpDC" is not a valid ID'],
		['a session type with spaces', params({ options: { sessionType: 'kyc lrs' } }), 'Options > Session Type: "kyc lrs" is not a session type'],
	])('refuses %s by name and sends nothing', async (_what, parameters, message) => {
		const result = await runGlomo(sandbox, parameters);

		expectOperationError(result, message);
		expect(sandbox.requests).toEqual([]);
	});
});
