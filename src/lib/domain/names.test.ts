import { describe, expect, it } from 'vitest';
import { localName } from './names';

describe('localName', () => {
	it('shows the English name on an English screen, the Chinese one otherwise', () => {
		const fee = { name: '物业服务费', nameEn: 'Property management fee' };
		expect(localName(fee, 'en')).toBe('Property management fee');
		expect(localName(fee, 'zh-CN')).toBe('物业服务费');
	});

	it('falls back to the Chinese name when there is no English one', () => {
		expect(localName({ name: '公区水费' }, 'en')).toBe('公区水费');
		expect(localName({ name: '公区水费', nameEn: '' }, 'en')).toBe('公区水费');
	});
});
