import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
});

describe('GET /api/qr (the kiosk draws no QR codes itself)', () => {
	it('answers the QR code of a link as an SVG image, not kept by caches', async () => {
		const link = `${server.url}/r/abc123`;
		const res = await fetch(`${server.url}/api/qr?data=${encodeURIComponent(link)}`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/svg+xml');
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(await res.text()).toMatch(/^<svg[^>]*viewBox/);
	});
	it('refuses no data, too much, or non-ASCII data with 400 error.invalid', async () => {
		for (const data of ['', 'x'.repeat(513), '张三']) {
			const res = await fetch(`${server.url}/api/qr?data=${encodeURIComponent(data)}`, {
				headers: { accept: 'application/json' }
			});
			expect(res.status, data.slice(0, 10)).toBe(400);
			const body = (await res.json()) as { error: { key: string; fields: Record<string, string> } };
			expect(body.error.key).toBe('error.invalid');
		}
	});
});
