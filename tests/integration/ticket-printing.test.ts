import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	decodeReceipt,
	startVirtualPrinter,
	type VirtualPrinter
} from '../../src/lib/server/printing';
import { login, removeDir, startServer, type RunningServer } from '../helpers/server';

let printer: VirtualPrinter;
let server: RunningServer;

beforeAll(async () => {
	// The lobby's ESC/POS printer, played by a loopback listener in this test process.
	printer = await startVirtualPrinter({ host: '127.0.0.1', port: 0 });
	server = await startServer({ env: { PRINTER: printer.url } });
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
	await printer.close();
});

describe('a ticket taken at the kiosk', () => {
	it('prints in Chinese (GBK) with its number, service, people ahead and a QR to follow it', async () => {
		const printed = printer.nextJob();
		const res = await fetch(`${server.url}/api/queue/tickets`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify({ service: 'repairs' })
		});
		expect(res.status).toBe(201);
		const { ticket, trackUrl } = (await res.json()) as {
			ticket: { label: string };
			trackUrl: string;
		};
		const receipt = decodeReceipt((await printed).bytes);
		expect(receipt.text).toContain('翠湖花园物业服务中心');
		expect(receipt.text).toContain(ticket.label);
		expect(receipt.text).toContain('报修投诉');
		expect(receipt.text).toContain('前面等候');
		expect(receipt.qr).toEqual([trackUrl]);
		expect(receipt.cuts).toBeGreaterThanOrEqual(1);
	});

	it('prints in English when the resident switched the kiosk to English', async () => {
		const printed = printer.nextJob();
		await fetch(`${server.url}/api/queue/tickets?lang=en`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify({ service: 'fees' })
		});
		const receipt = decodeReceipt((await printed).bytes);
		expect(receipt.text).toContain('Ahead of you');
		expect(receipt.text).toContain('Fees');
	});

	it('shows the printer in /api/health?detail, without its address', async () => {
		const cookie = await login(server);
		const health = (await (
			await fetch(`${server.url}/api/health?detail`, { headers: { cookie } })
		).json()) as {
			printers: Record<string, unknown>[];
		};
		expect(health.printers).toEqual([
			expect.objectContaining({ id: 'front-desk', state: 'online' })
		]);
		expect(JSON.stringify(health.printers)).not.toContain(printer.url);
	});
});

describe('PRINTER on a later start', () => {
	it('moves the front-desk printer to the new address', async () => {
		const moved = await startVirtualPrinter({ host: '127.0.0.1', port: 0 });
		try {
			expect(await server.stop()).toBe(0);
			server = await startServer({ dataDir: server.dataDir, env: { PRINTER: moved.url } });
			const printed = moved.nextJob();
			await fetch(`${server.url}/api/queue/tickets`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: server.url },
				body: JSON.stringify({ service: 'consult' })
			});
			expect(decodeReceipt((await printed).bytes).text).toContain('咨询');
		} finally {
			await moved.close();
		}
	});
});
