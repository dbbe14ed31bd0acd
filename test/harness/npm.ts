/** What the project's tests, benchmarks and scripts ask of npm. */
import { spawnSync } from 'node:child_process';

export interface PackPreview {
	filename: string;
	size: number;
	unpackedSize: number;
	entryCount: number;
	files: Array<{ path: string; size: number }>;
}

/** What `npm pack` would put in the tarball of the package in `dir`, without writing it. */
export function previewPack(dir: string): PackPreview {
	const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`npm pack --dry-run in ${dir} exited ${result.status}: ${result.stderr}`);
	return (JSON.parse(result.stdout) as PackPreview[])[0];
}

/**
 * This process's environment without the npm_* variables `npm run` sets: they carry this package's
 * npm settings (ignore-scripts=true among them) into any npm started for another folder.
 */
export function envWithoutNpmConfig(): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}
