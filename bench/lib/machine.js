/** What the figures were measured on: printed at the top of every run. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** File system type and device holding `path` (where the benchmarks' data folders live). */
function fsOf(/** @type {string} */ path) {
	try {
		return execFileSync('findmnt', ['-n', '-o', 'FSTYPE,SOURCE,OPTIONS', '-T', path], {
			encoding: 'utf8'
		}).trim();
	} catch {
		try {
			return (
				execFileSync('df', ['-T', path], { encoding: 'utf8' }).trim().split('\n').at(-1) ?? '?'
			);
		} catch {
			return 'unknown';
		}
	}
}

/** @returns {Record<string, string>} */
export function describeMachine() {
	const cpus = os.cpus();
	return {
		date: new Date().toISOString(),
		cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length} cores (os.availableParallelism ${os.availableParallelism()})`,
		memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		node: process.version,
		tmpdir: os.tmpdir(),
		disk: fsOf(os.tmpdir())
	};
}
