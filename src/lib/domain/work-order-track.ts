import { placeName } from './work-order-place';
import type { Site } from './site';
import type { Category, Status, WorkOrder } from './work-order';

/**
 * What the resident sees of their own request (tracking page, kiosk "查询进度"): where it
 * stands and when each step happened. No staff names, notes or the text itself.
 */
export interface TrackView {
	number: string;
	category: Category;
	place: string;
	/** The place for English pages (an area's or room's English name when it has one). */
	placeEn: string;
	chips: string[];
	status: Status;
	createdAt: string;
	steps: { at: string; status: Status }[];
	/** Set when it can be rated now (resolved and not rated yet): the key for POST /api/rate. */
	rateToken: string | null;
	rated: number | null;
}

export function trackView(o: WorkOrder, site: Site): TrackView {
	const place = placeName(o.location, site);
	const steps = o.history
		.filter((h) => h.action !== 'note' && h.action !== 'rate')
		.map((h) => ({ at: h.at, status: h.to }));
	return {
		number: o.number,
		category: o.category,
		place,
		placeEn: placeName(o.location, site, false, 'en'),
		chips: o.chips,
		status: o.status,
		createdAt: o.at,
		steps,
		rateToken: o.resolvedAt && !o.rating ? o.rateToken : null,
		rated: o.rating?.score ?? null
	};
}
