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
		// Two server processes starting at once on a new database: the first key kept wins, and
		// both use it (the change runs again on the other's content when they cross).
		const secret = randomBytes(32).toString('base64url');
		await doc.update((d) => void (d.secret ||= secret));
	}
	return new SandboxProvider({
		clock,
		...(log ? { log } : {}),
		secret: doc.data.secret,
		lock: store.lock('sandbox'),
		persist: {
			load: () => doc.data.orders,
			save: (order) =>
				doc.update((d) => {
					const i = d.orders.findIndex((o) => o.reference === order.reference);
					d.orders = (i < 0 ? [...d.orders, order] : d.orders.with(i, order)).slice(-KEEP_ORDERS);
				})
		}
	});
}
