import { describe, expect, it } from 'vitest';
import { newCompanyAccountSchema, rolesAt } from './company';

describe('a company account at a site', () => {
	it('acts with its roles there, head office adding its read-only role', () => {
		const wang = { sites: { north: ['cashier' as const] }, headOffice: false };
		expect(rolesAt(wang, 'north')).toEqual(['cashier']);
		expect(rolesAt(wang, 'south')).toBeNull();
		const head = { sites: { south: ['manager' as const] }, headOffice: true };
		expect(rolesAt(head, 'north')).toEqual(['headoffice']);
		expect(rolesAt(head, 'south')).toEqual(['manager', 'headoffice']);
	});

	it('is never given head office as a site role, nor roles at a site named oddly', () => {
		const base = { username: 'wang', displayName: '王', password: 'long-enough-1' };
		expect(
			newCompanyAccountSchema.safeParse({ ...base, sites: { north: ['headoffice'] } }).success
		).toBe(false);
		expect(
			newCompanyAccountSchema.safeParse({ ...base, sites: { 'no site!': ['cashier'] } }).success
		).toBe(false);
		expect(newCompanyAccountSchema.parse(base)).toMatchObject({ sites: {}, headOffice: false });
	});
});
