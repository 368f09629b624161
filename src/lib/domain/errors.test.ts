import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { fieldErrors } from './errors';
import { residentInputSchema } from './site-records';

function refusal(input: unknown): Record<string, string> {
	const r = residentInputSchema.safeParse(input);
	if (r.success || !(r.error instanceof ZodError)) throw new Error('expected a refusal');
	return fieldErrors(r.error);
}

describe('fieldErrors', () => {
	const resident = { unitId: '1-1-101', name: '张三', kind: 'owner', moveIn: '', moveOut: '' };

	it('reports a bad item of a list under the field it was typed in', () => {
		expect(refusal({ ...resident, phones: '13912345678, 123' })).toEqual({
			phones: 'error.phone11'
		});
	});

	it('reports a refinement under the field it names', () => {
		const fields = refusal({
			...resident,
			phones: '13912345678',
			moveIn: '2024-03-01',
			moveOut: '2024-02-01'
		});
		expect(fields).toEqual({ moveOut: 'error.moveOutBeforeIn' });
	});
});
