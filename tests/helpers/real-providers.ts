import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { IntentView } from '../../src/lib/domain/payment';
import { FakeAlipay } from './fake-alipay';
import { FakeWechat } from './fake-wechat';
import { writeProvidersConfig } from './providers-config';
import { login, startServer, tempDataDir, type RunningServer } from './server';

/**
 * A built server with both real providers configured against their fakes (as the desk saves
 * them, before the first start), and the kiosk's steps the payment tests share.
 */
export class RealProvidersRig {
	readonly wechat = new FakeWechat();
	readonly alipay = new FakeAlipay();
	server!: RunningServer;
	readonly #used = new Set<string>();

	async start(env: Record<string, string> = {}): Promise<this> {
		await Promise.all([this.wechat.start(), this.alipay.start()]);
		const dataDir = await tempDataDir();
		writeProvidersConfig(dataDir, this.wechat, this.alipay);
		this.server = await startServer({ dataDir, env });
		this.wechat.notifyTo = `${this.server.url}/api/payments/notify/wechat`;
		this.alipay.notifyTo = `${this.server.url}/api/payments/notify/alipay`;
		return this;
	}

	async stop(): Promise<void> {
		await this.server.stop();
		await Promise.all([this.wechat.stop(), this.alipay.stop()]);
	}

	fake(name: 'wechat' | 'alipay'): FakeWechat | FakeAlipay {
		return name === 'wechat' ? this.wechat : this.alipay;
	}

	post<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
		return fetch(`${this.server.url}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: this.server.url },
			body: JSON.stringify(body)
		}).then(async (r) => ({ status: r.status, body: (await r.json()) as T }));
	}

	/** A resident of a unit no earlier test used identifies at the kiosk and picks a provider. */
	async openPayment(provider: 'wechat' | 'alipay') {
		const site = JSON.parse(readFileSync(join(this.server.dataDir, 'site.json'), 'utf8')) as {
			residents: { unitId: string; phone: string }[];
		};
		const resident = site.residents.find((r) => !this.#used.has(r.unitId))!;
		this.#used.add(resident.unitId);
		const [building, entrance, room] = resident.unitId.split('-');
		const id = await this.post<{ visit: { token: string } }>('/api/kiosk/identify', {
			building,
			entrance,
			room,
			phoneTail: resident.phone.slice(-4)
		});
		const visit = id.body.visit.token;
		const bills = await this.post<{
			bills: { id: string; amountFen: number }[];
			providers: string[];
		}>('/api/kiosk/bills', { visit });
		expect(bills.body.providers).toEqual(['wechat', 'alipay']);
		const pay = await this.post<{ intent: IntentView }>('/api/kiosk/pay', {
			visit,
			billIds: bills.body.bills.map((b) => b.id),
			provider
		});
		expect(pay.status).toBe(201);
		expect(pay.body.intent.provider).toBe(provider);
		return { visit, intent: pay.body.intent };
	}

	/** A desk form action as the browser posts it, logged in as the admin. */
	async deskAction(path: string, fields: Record<string, string>) {
		const res = await fetch(`${this.server.url}${path}`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: this.server.url,
				cookie: await login(this.server),
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams(fields).toString()
		});
		return (await res.json()) as { type: string; data?: string };
	}

	/** What the kiosk sees of its payment. */
	async status(id: string, visit: string): Promise<IntentView['status']> {
		return (await this.post<{ intent: IntentView }>(`/api/kiosk/pay/${id}`, { visit })).body.intent
			.status;
	}

	/** Today's audit entries (China time) about a target, as parsed JSON lines. */
	audit(target: string): { action: string; target: string; detail: Record<string, unknown> }[] {
		const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
		return readFileSync(join(this.server.dataDir, 'audit', `${day}.log`), 'utf8')
			.split('\n')
			.filter((l) => l.includes(target))
			.map(
				(l) => JSON.parse(l) as { action: string; target: string; detail: Record<string, unknown> }
			)
			.filter((e) => e.target === target);
	}
}
