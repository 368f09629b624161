import { error } from '@sveltejs/kit';
import { canSeeReporter } from '$lib/domain/permissions';
import { translate } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import { requireSection } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** A photo a resident attached to a report: work-order staff only, never in a shared cache. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const session = requireSection(locals, 'workorders');
	const app = foyer();
	const order = app.workOrders.get(params.id);
	// Only the files the order lists, so nothing else under the photo folder can be fetched; a
	// technician sees the photos of their own orders only (as the order page shows them).
	const maySee = order && canSeeReporter(session.staff, order);
	const photo =
		maySee && order.photos.includes(params.name)
			? await app.photos.read(order.id, params.name)
			: null;
	if (!photo) error(404, translate(locals.locale, 'error.photoNotFound'));
	return new Response(new Uint8Array(photo.bytes), {
		headers: {
			'Content-Type': photo.type,
			'Content-Length': String(photo.bytes.length),
			// A resident's home on a shared desk PC: kept nowhere (the hook says the same).
			'Cache-Control': 'no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
