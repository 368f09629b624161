import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ACTIONS as WORK_STEPS } from '$lib/domain/work-order';
import { translator } from '$lib/i18n';
import { actionText } from './labels';

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
	});
}

/** Every action the server records: the literal ones found in its code, and the composed ones. */
function recordedActions(): string[] {
	const found = new Set<string>();
	for (const file of sources(join('src', 'lib', 'server'))) {
		const text = readFileSync(file, 'utf8');
		// audit.record(actor, 'x.y', …) and a literal chosen just before the call.
		for (const m of text.matchAll(
			/record\(\s*(?:\{[^}]*\}|[^,]+),\s*'([a-z][A-Za-z]*\.[A-Za-z.]+)'/g
		)) {
			found.add(m[1]!);
		}
		// A change recorded through the site service: change(actor, { action: 'site.x', … }).
		for (const m of text.matchAll(/action:\s*'([a-z][A-Za-z]*\.[A-Za-z.]+)'/g)) found.add(m[1]!);
		// An action picked by a condition: cond ? 'a.b' : 'a.c'.
		for (const m of text.matchAll(
			/\?\s*'([a-z]+\.[a-z][A-Za-z]+)'\s*:\s*'([a-z]+\.[a-z][A-Za-z]+)'/g
		)) {
			// (only where an audit record follows: a message key picked the same way is not one)
			const before = text.slice(Math.max(0, m.index! - 100), m.index!);
			const near = text.slice(Math.max(0, m.index! - 200), m.index! + 300);
			// (or the `action:` of a site change)
			if (/record\(/.test(near) || /action:\s*[^,]*$/.test(before)) found.add(m[1]!).add(m[2]!);
		}
	}
	// Composed in code: `workOrder.${step}`, `booking.${action}`, `payment.${outcome}`, `fees.${kind}ed`.
	for (const step of WORK_STEPS) found.add(`workOrder.${step}`);
	for (const a of ['booked', 'updated', 'moved', 'cancelled', 'checkIn', 'started', 'extended']) {
		found.add(`booking.${a}`);
	}
	for (const a of ['ended', 'feedback', 'released', 'av.passed', 'av.failed']) {
		found.add(`booking.${a}`);
	}
	for (const a of ['payment.cancelled', 'payment.expired', 'fees.voided', 'fees.refunded']) {
		found.add(a);
	}
	return [...found].sort();
}

it('names every recorded action in words, in Chinese and in English, never as its key', () => {
	const actions = recordedActions();
	expect(actions.length).toBeGreaterThan(60);
	for (const a of ['queue.finished', 'queue.skipped', 'print.queued', 'print.reprinted']) {
		expect(actions).toContain(a);
	}
	const zh = translator('zh-CN');
	const en = translator('en');
	const unnamed: string[] = [];
	for (const action of actions) {
		for (const t of [zh, en]) {
			const text = actionText(action, t);
			if (text.includes(action) || /[a-z]+\.[a-z]+/i.test(text)) unnamed.push(`${action}: ${text}`);
		}
		expect(actionText(action, en)).not.toMatch(/[\u4e00-\u9fff]/);
	}
	expect(unnamed).toEqual([]);
});

it('reads a work-order step and a booking step with their area', () => {
	expect(actionText('workOrder.dispatch', translator('en'))).toBe('Request: Dispatch');
	expect(actionText('booking.cancelled', translator('zh-CN'))).toMatch(/^会议预订：/);
	expect(actionText('fees.paid', translator('zh-CN'))).toBe('收费');
	expect(actionText('made.up', translator('en'))).toBe('Other (made.up)');
});

it('names every kind of print job, a request slip as such', () => {
	for (const locale of ['zh-CN', 'en'] as const) {
		const t = translator(locale);
		const names = ['ticket', 'receipt', 'void', 'report', 'request', 'test'].map((kind) =>
			t('desk.printers.kind', { kind })
		);
		expect(new Set(names).size).toBe(6);
		for (const n of names) expect(n).not.toMatch(/^[a-z]+$/);
	}
	expect(translator('en')('desk.printers.kind', { kind: 'request' })).toBe('Request slip');
});
