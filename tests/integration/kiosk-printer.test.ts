import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	decodeReceipt,
	startVirtualPrinter,
	type VirtualPrinter
} from '../../src/lib/server/printing';
import { login, removeDir, startServer, type RunningServer } from '../helpers/server';

let frontDesk: VirtualPrinter;
let lobby: VirtualPrinter;
let server: RunningServer;
let cookie: string;

beforeAll(async () => {
	frontDesk = await startVirtualPrinter({ host: '127.0.0.1', port: 0 });
	lobby = await startVirtualPrinter({ host: '127.0.0.1', port: 0 });
	server = await startServer({ env: { PRINTER: frontDesk.url } });
	cookie = await login(server);
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
	await frontDesk.close();
	await lobby.close();
});

/** A desk form action, posted as its enhanced form does. */
async function action(path: string, fields: Record<string, string>) {
	const res = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			origin: server.url,
			cookie,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams(fields)
	});
	return (await res.json()) as { type: string };
}

describe('a kiosk with its own printer', () => {
	it('prints its tickets there, and an unpaired browser’s at the front desk', async () => {
		const added = await action('/desk/printers?/save', {
			mode: 'add',
			id: 'lobby-kiosk',
			name: '大堂自助机打印机',
			target: lobby.url,
			paper: '58'
		});
		expect(added.type).toBe('success');
		const pair = await fetch(`${server.url}/api/devices/pair`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify({ kind: 'kiosk' })
		});
		const { token, code } = (await pair.json()) as { token: string; code: string };
		const approved = await action('/desk/devices?/approve', {
			code,
			name: '大堂自助机',
			location: '大堂',
			printerId: 'lobby-kiosk'
		});
		expect(approved.type).toBe('success');

		const take = (device?: string) =>
			fetch(`${server.url}/api/queue/tickets`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: server.url },
				body: JSON.stringify({ service: 'consult', device })
			});
		const atKiosk = lobby.nextJob();
		expect((await take(token)).status).toBe(201);
		expect(decodeReceipt((await atKiosk).bytes).text).toContain('D001');
		const atDesk = frontDesk.nextJob();
		expect((await take()).status).toBe(201);
		expect(decodeReceipt((await atDesk).bytes).text).toContain('D002');
	});
});
