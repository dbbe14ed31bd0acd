import { ACCOUNT_DEFAULTS, startSandbox, type Sandbox, type SandboxOptions } from '../sandbox';

/**
 * One sandbox for a test file: started before its first test, its request log cleared (and its
 * faults and request hook reset) before each test, closed after the last. The returned object
 * stands for that sandbox.
 */
export function useSandbox(options: SandboxOptions = {}): Sandbox {
	let current: Sandbox | undefined;
	beforeAll(async () => {
		current = await startSandbox(options);
	});
	afterAll(async () => await current?.close());
	beforeEach(() => {
		current?.resetFaults();
		// the account's capabilities as the file started the sandbox with, whatever a test changed
		current?.setAccount({ ...ACCOUNT_DEFAULTS, beneficiaryNotes: [], ...options.account });
		current?.onRequest(undefined);
		current?.clearRequests();
	});
	return new Proxy({} as Sandbox, {
		get(_target, property: keyof Sandbox) {
			if (!current) throw new Error('the sandbox starts in beforeAll: use it inside tests or hooks');
			const value = current[property];
			return typeof value === 'function' ? value.bind(current) : value;
		},
	});
}
