import { describe, expect, it } from 'vitest';
import { isFoyerError } from '$lib/domain/errors';
import type { Role } from '$lib/domain/staff';
import { figuresFor } from './serve';

/** A Foyer of a server with no company: a lobby PC, or one site alone. */
const alone = { company: null } as unknown as Parameters<typeof figuresFor>[0];
const url = new URL('http://192.168.1.10:3000/api/desk/company');

async function answer(roles: Role[]) {
	const who = { id: 'x', username: 'x', displayName: 'x', roles };
	try {
		await figuresFor(alone, who, '2026-11', url);
		return 'answered';
	} catch (e) {
		return isFoyerError(e) ? [e.key, e.status] : e;
	}
}

describe('the company figures on a server with no company', () => {
	it('are refused as everywhere to whoever may not read them, then are "no company" (404)', async () => {
		expect(await answer(['admin'])).toEqual(['error.forbidden', 403]);
		expect(await answer(['headoffice'])).toEqual(['error.companyNotServed', 404]);
	});
});
