import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, errorFields, prettyLine } from './logger';
import { scrub } from './scrub';

/** A logger whose lines are kept, parsed. */
function captured(level = 'info') {
	const lines: Record<string, unknown>[] = [];
	const destination = new Writable({
		write(chunk: Buffer, _e, done) {
			for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l));
			done();
		}
	});
	return { logger: createLogger({ level, format: 'json', destination }), lines };
}

describe('the logger', () => {
	it('writes one JSON object a line with time, level as a word, and the message', () => {
		const { logger, lines } = captured();
		logger.info({ kind: 'request', route: '/kiosk', status: 200 }, 'GET /kiosk 200');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({
			level: 'info',
			kind: 'request',
			route: '/kiosk',
			status: 200,
			msg: 'GET /kiosk 200'
		});
		expect(typeof lines[0]!.time).toBe('string');
	});

	it('redacts secrets and personal fields by name, at the top and one level down', () => {
		const { logger, lines } = captured();
		logger.info(
			{
				password: 'hunter2-secret',
				databaseUrl: 'postgres://foyer:pg-secret@db/foyer',
				resident: { name: '张三丰', phone: '13812345678', address: '3栋2单元1001' },
				staff: { token: 'session-token-xyz', cookie: 'foyer_session=abc' }
			},
			'saved'
		);
		const text = JSON.stringify(lines[0]);
		for (const secret of ['hunter2', 'pg-secret', '张三丰', '13812345678', '1001', 'xyz', 'abc']) {
			expect(text).not.toContain(secret);
		}
		expect(lines[0]).toMatchObject({ password: '[redacted]', resident: { name: '[redacted]' } });
	});

	it('scrubs connection-string passwords, phone numbers and token parameters from messages', () => {
		const { logger, lines } = captured();
		logger.error(
			'connect to postgres://foyer:pg-secret@10.0.0.5/foyer failed for 13912345678 at /pay?token=abc123'
		);
		const msg = String(lines[0]!.msg);
		expect(msg).not.toContain('pg-secret');
		expect(msg).not.toContain('13912345678');
		expect(msg).not.toContain('abc123');
		expect(msg).toContain('postgres://foyer:[redacted]@10.0.0.5/foyer');
		expect(msg).toContain('139****5678');
	});

	it("keeps an error's type, code and scrubbed message, never its other properties", () => {
		const e = Object.assign(new Error('password authentication failed: postgres://u:p4ss@h/d'), {
			code: '28P01',
			connectionString: 'postgres://u:p4ss@h/d'
		});
		const fields = errorFields(e);
		expect(fields).toMatchObject({ type: 'Error', code: '28P01' });
		expect(JSON.stringify(fields)).not.toContain('p4ss');
	});

	it('respects the level: debug lines are dropped at info', () => {
		const { logger, lines } = captured('info');
		logger.debug('probe');
		logger.warn('printer offline');
		expect(lines.map((l) => l.msg)).toEqual(['printer offline']);
	});

	it('prints a JSON line for a person in pretty format', () => {
		const line = prettyLine(
			'{"level":"info","time":"2026-01-02T03:04:05.000Z","pid":1,"kind":"request","status":200,"msg":"GET /kiosk 200"}'
		);
		expect(line).toBe('03:04:05 INFO  GET /kiosk 200 kind=request status=200');
	});

	it('leaves ordinary text alone', () => {
		expect(scrub('receipt 2026000123 printed at 10:01')).toBe(
			'receipt 2026000123 printed at 10:01'
		);
	});
});
