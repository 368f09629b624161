import { describe, expect, it } from 'vitest';
import { backupDue, backupFileName, backupsToPrune, backupWarning } from './backup';

const at = (iso: string) => new Date(iso);
const last = (iso: string) => ({ file: 'f', at: iso, bytes: 1, files: 1 });

describe('backup schedule', () => {
	it('is due with no backup, and a day after the last one', () => {
		expect(backupDue(at('2026-12-03T02:00:00Z'), { last: null, lastAttempt: null })).toBe(true);
		const s = {
			last: last('2026-12-03T02:00:00Z'),
			lastAttempt: { at: '2026-12-03T02:00:00Z', ok: true }
		};
		expect(backupDue(at('2026-12-04T01:59:00Z'), s)).toBe(false);
		expect(backupDue(at('2026-12-04T02:00:00Z'), s)).toBe(true);
	});

	it('tries a failed backup again after an hour, not at every tick', () => {
		const s = {
			last: last('2026-12-01T02:00:00Z'),
			lastAttempt: { at: '2026-12-03T02:00:00Z', ok: false }
		};
		expect(backupDue(at('2026-12-03T02:30:00Z'), s)).toBe(false);
		expect(backupDue(at('2026-12-03T03:00:00Z'), s)).toBe(true);
	});

	it('warns when there is none, when the last is older than two days, or the last attempt failed', () => {
		expect(backupWarning(at('2026-12-03T02:00:00Z'), { last: null, lastAttempt: null })).toBe(
			'none'
		);
		const ok = {
			last: last('2026-12-01T02:00:00Z'),
			lastAttempt: { at: '2026-12-01T02:00:00Z', ok: true }
		};
		expect(backupWarning(at('2026-12-03T02:00:00Z'), ok)).toBeNull();
		expect(backupWarning(at('2026-12-03T02:01:00Z'), ok)).toBe('stale');
		const failed = { ...ok, lastAttempt: { at: '2026-12-01T03:00:00Z', ok: false } };
		expect(backupWarning(at('2026-12-01T03:00:00Z'), failed)).toBe('failed');
	});

	it('names archives by UTC time and prunes only its own, oldest first', () => {
		expect(backupFileName(at('2026-12-03T02:04:05.678Z'))).toBe('foyer-2026-12-03T020405Z.tar.gz');
		const names = [
			'foyer-2026-12-03T020405Z.tar.gz',
			'notes.txt',
			'foyer-2026-12-01T020405Z.tar.gz',
			'foyer-2026-12-02T020405Z.tar.gz'
		];
		expect(backupsToPrune(names, 2)).toEqual(['foyer-2026-12-01T020405Z.tar.gz']);
		expect(backupsToPrune(names, 5)).toEqual([]);
	});
});
