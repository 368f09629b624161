import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '$lib/domain/time';
import type { FoyerStore } from '../store/contract';
import { SandboxProvider, sandboxOrderSchema } from './sandbox';

const sandboxDocSchema = z.object({ secret: z.string(), orders: z.array(sandboxOrderSchema) });

/** The sandbox keeps this many orders (it stands in for a provider's servers, not a ledger). */
const KEEP_ORDERS = 500;

/**
 * The sandbox provider with its signing key and orders kept in the data folder (`sandbox.json`),
 * so a payment made just before a restart is still known to status queries after it.
 */
export async function openSandbox(
	store: FoyerStore,
	clock: Clock,
	log?: (message: string, error?: unknown) => void
): Promise<SandboxProvider> {
	const doc = await store.doc('sandbox', {
		defaults: { secret: '', orders: [] },
		parse: (d) => sandboxDocSchema.parse(d)
	});
	if (!doc.data.secret) {
		await doc.update((d) => void (d.secret = randomBytes(32).toString('base64url')));
	}
	return new SandboxProvider({
		clock,
		...(log ? { log } : {}),
		secret: doc.data.secret,
		persist: {
			load: () => doc.data.orders,
			save: (orders) => doc.update((d) => void (d.orders = orders.slice(-KEEP_ORDERS)))
		}
	});
}
