/**
 * Children and temporary folders that must not outlive a benchmark, whatever way it ends
 * (finished, failed, Ctrl-C). Every process we spawn and every temp folder we make is
 * registered here; the exit hook kills the children by pid and removes the folders.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @type {Map<import('node:child_process').ChildProcess, NodeJS.Signals>} child → signal at exit */
const children = new Map();
/** @type {Set<string>} */
const dirs = new Set();

/**
 * Registers a child so it is killed if we exit first. Leaf processes (servers, clients) get
 * SIGKILL: their data is disposable. A section gets SIGTERM, so that it runs this same
 * clean-up for its own children and folders instead of orphaning them.
 * @template {import('node:child_process').ChildProcess} C
 * @param {C} child
 * @param {NodeJS.Signals} [signal]
 * @returns {C}
 */
export function track(child, signal = 'SIGKILL') {
	children.set(child, signal);
	child.once('exit', () => children.delete(child));
	return child;
}

/** A fresh temporary folder, removed when this process exits. */
export function tempDir(/** @type {string} */ prefix) {
	const dir = mkdtempSync(join(tmpdir(), `foyer-bench-${prefix}-`));
	dirs.add(dir);
	return dir;
}

/** Removes a temp folder now (big data sets should not wait for exit). */
export function removeDir(/** @type {string} */ dir) {
	rmSync(dir, { recursive: true, force: true });
	dirs.delete(dir);
}

/** Resolves with the exit code once the child has exited (immediately if it already has). */
export function exited(/** @type {import('node:child_process').ChildProcess} */ child) {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
	return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** SIGTERM, then SIGKILL if the child has not gone within `graceMs`. */
export async function stop(
	/** @type {import('node:child_process').ChildProcess} */ child,
	graceMs = 5000
) {
	const done = exited(child);
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	const code = await done;
	clearTimeout(timer);
	return code;
}

/**
 * Writes every dirty page to disk (sync(1)). Set-up writes hundreds of MB without fsync; left
 * alone, the kernel writes them back during the measurement and each timed fsync queues
 * behind them — a cost of the benchmark's set-up, not of the thing measured.
 */
export function flushDirtyPages() {
	spawnSync('sync', { stdio: 'ignore' });
}

function cleanup() {
	for (const [c, signal] of children) c.kill(signal);
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
process.once('exit', cleanup);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
	process.once(signal, () => {
		cleanup();
		process.exit(130);
	});
}
