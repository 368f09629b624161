/** Starts a push-clients.js child (the display sockets) and waits, boundedly, until it is ready. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { exited, track } from './proc.js';

const script = fileURLToPath(new URL('../push-clients.js', import.meta.url));

/**
 * @param {{ name: string, kind: 'ws' | 'socket.io', url: string, count: number }[]} systems
 * @param {(m: any) => void} [onMessage] every later message (e.g. round reports)
 * @returns {Promise<import('node:child_process').ChildProcess>}
 */
export async function openClients(systems, onMessage) {
	const child = track(fork(script));
	const ready = new Promise((resolve, reject) => {
		child.once('message', resolve);
		// A child that dies or hangs must fail the run, not stall it.
		void exited(child).then((code) => reject(new Error(`display clients exited (${code})`)));
		setTimeout(() => reject(new Error('display clients not connected in 60 s')), 60_000).unref();
	});
	child.send({ type: 'open', systems });
	await ready;
	if (onMessage) child.on('message', onMessage);
	return child;
}
