/** What the project's command-line scripts (`npm start`, `npm run scale`) share: options and steps. */

/** The number after `--<name>` on the command line, or `fallback`. */
export function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

/** Runs one step, printing its title; on failure prints what failed and how to fix it, and exits 1. */
export async function step<T>(title: string, run: () => Promise<T> | T, fix: string, cleanup: () => Promise<void> = async () => {}): Promise<T> {
	process.stdout.write(`• ${title}\n`);
	try {
		return await run();
	} catch (error) {
		console.error(`\n✗ ${title} failed: ${(error as Error).message}\n  How to fix: ${fix}`);
		await cleanup().catch(() => undefined);
		process.exit(1);
	}
}
