import { describe, expect, it } from 'vitest';
import { appliesTo, inForce, parseDay, residentInputSchema, splitPhones } from './site-records';

describe('dates as staff type them', () => {
	it('reads the common Chinese forms and Excel serials as the same day', () => {
		for (const t of [
			'2024-03-01',
			'2024/3/1',
			'2024.3.1',
			'2024年3月1日',
			'2024 年 3 月 1 日',
			'45352'
		]) {
			expect(parseDay(t), t).toBe('2024-03-01');
		}
	});
	it('refuses garbage and days that do not exist', () => {
		for (const t of ['下个月', '2024-02-30', '3/1/2024', '2024-13-01', '1', '', '20240301']) {
			expect(parseDay(t), t).toBeNull();
		}
	});
});

describe('resident input', () => {
	it('takes several phones and says which rule a bad one breaks', () => {
		expect(splitPhones('13800000001，13800000002 / 13800000003')).toHaveLength(3);
		const bad = residentInputSchema.safeParse({
			unitId: '1-1-101',
			name: '张伟',
			phones: '1380000',
			kind: 'owner',
			moveIn: '2024/3/1',
			moveOut: '2023/1/1'
		});
		expect(bad.success).toBe(false);
		const messages = bad.error!.issues.map((i) => [i.path[0], i.message]);
		expect(messages).toContainEqual(['phones', 'error.phone11']);
	});
});

describe('which fee standard version bills a unit', () => {
	const v = { validFrom: '2026-01-01', validTo: '2026-12-31', active: true };
	it('is the one in force on the day, for the buildings and uses it names', () => {
		expect(inForce(v, '2026-06-01')).toBe(true);
		expect(inForce(v, '2027-01-01')).toBe(false);
		expect(inForce({ ...v, active: false }, '2026-06-01')).toBe(false);
		expect(appliesTo({ buildings: ['2'], uses: [] }, { building: '1', use: 'residential' })).toBe(
			false
		);
		expect(appliesTo({ buildings: [], uses: ['parking'] }, { building: '1', use: 'parking' })).toBe(
			true
		);
	});
});
