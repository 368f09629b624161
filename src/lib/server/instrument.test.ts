import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { WorkOrder } from '$lib/domain/work-order';
import { DomainEventBus } from './events';
import { eventLogger, watchPrinters } from './instrument';
import { createLogger } from './ops/logger';
import type { PrinterStatus } from './printing/schema';

function captured() {
	const lines: Record<string, unknown>[] = [];
	const destination = new Writable({
		write(chunk: Buffer, _e, done) {
			for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l));
			done();
		}
	});
	return { logger: createLogger({ format: 'json', destination }), lines };
}

describe('event lines', () => {
	it("name the event, the site and the record's id, and nothing of the payload", () => {
		const { logger, lines } = captured();
		// A site's services log through the site's logger, which names the site (instrumentation).
		const bus = new DomainEventBus(() => {}, eventLogger(logger.child({ site: 'north' })));
		const order = {
			id: '20260102-abc',
			number: '260102001',
			reporter: { name: '王小明', phone: '13612345678' },
			text: '3栋2单元1001 厨房漏水'
		} as unknown as WorkOrder;
		bus.emit('workOrder:changed', order);
		expect(lines).toEqual([
			expect.objectContaining({
				kind: 'event',
				event: 'workOrder:changed',
				site: 'north',
				record: '20260102-abc'
			})
		]);
		const text = JSON.stringify(lines);
		for (const personal of ['王小明', '13612345678', '厨房漏水'])
			expect(text).not.toContain(personal);
	});
});

describe('printer lines', () => {
	const status = (state: PrinterStatus['state']) =>
		({
			id: 'front-desk',
			state,
			lastError:
				state === 'offline' ? { code: 'unreachable', detail: 'connect ECONNREFUSED' } : null
		}) as PrinterStatus;

	it('warn once when a printer goes offline and say when it is back', () => {
		const { logger, lines } = captured();
		const bus = new DomainEventBus(() => {});
		watchPrinters(bus, logger);
		for (const s of ['online', 'offline', 'offline', 'offline', 'online'] as const) {
			bus.emit('print:changed', { type: 'printer', printer: status(s) });
		}
		expect(lines.map((l) => [l.level, l.msg])).toEqual([
			['warn', 'Printer front-desk is offline'],
			['info', 'Printer front-desk is back online']
		]);
		expect(lines[0]).toMatchObject({ code: 'unreachable', detail: 'connect ECONNREFUSED' });
	});
});
