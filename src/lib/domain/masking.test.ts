import { describe, expect, it } from 'vitest';
import { maskName, maskPhone, maskUnit, phoneTail } from './masking';

describe('masking for public screens', () => {
	it('keeps only the surname of a Chinese name', () => {
		expect(maskName('张三')).toBe('张**');
		expect(maskName('欧阳娜娜')).toBe('欧***');
	});
	it('shows a mobile number as 138****1234', () => {
		expect(maskPhone('138 1234 1234')).toBe('138****1234');
		expect(maskPhone('+86 13812341234')).toBe('138****1234');
	});
	it('hides the floor of a unit but keeps building and entrance', () => {
		expect(maskUnit({ building: '3', entrance: '2', room: '1201' })).toBe('3栋2单元**01');
	});
	it('takes the last four digits of a phone for identification', () => {
		expect(phoneTail('138-1234-5678')).toBe('5678');
	});
});
