import { translate, type Locale } from '$lib/i18n';
import type { Foyer } from '$lib/server/foyer';
import { businessMsBetween } from '$lib/domain/sla';
import type { WorkOrder } from '$lib/domain/work-order';
import { placeName } from '$lib/domain/work-order-place';
import { slaOf, type SlaView } from '$lib/domain/work-order-sla';
import { canSeeReporter } from '$lib/domain/permissions';
import { COMPANY_ID_PREFIX } from '$lib/domain/company';
import { allowedActions, type Viewer } from './allowed';

/** One line of a list: what a dispatcher scans for (staff only: the full unit). */
export interface OrderRow {
	id: string;
	number: string;
	category: WorkOrder['category'];
	place: string;
	chips: string[];
	status: WorkOrder['status'];
	at: string;
	sla: SlaView;
	technician: string | null;
}

/** The full unit (1栋2单元1201, in the reader's language), the public area or the meeting room. */
export function placeOf(app: Foyer, o: Pick<WorkOrder, 'location'>, locale: Locale): string {
	const site = app.site.site;
	const location = o.location;
	if (location.kind === 'unit') {
		const unit = site.units.find((u) => u.id === location.unitId);
		return unit
			? translate(locale, 'fees.unitLabel', {
					building: unit.building,
					entrance: unit.entrance,
					room: unit.room
				})
			: location.unitId;
	}
	return placeName(location, site, true);
}

/**
 * The name of whoever an id in an order names; a company account removed since (site accounts
 * are never removed) is said to be so, rather than leaving the order looking undispatched.
 */
const staffName = (app: Foyer, id: string | null, locale: Locale) =>
	id ? (app.people.nameOf(id) ?? translate(locale, 'desk.staff.company.removed')) : null;

export function slaNow(app: Foyer, o: WorkOrder): SlaView {
	return slaOf(o, app.sla.hours, app.sla.targets, app.clock.now());
}

export function rowOf(app: Foyer, o: WorkOrder, locale: Locale): OrderRow {
	return {
		id: o.id,
		number: o.number,
		category: o.category,
		place: placeOf(app, o, locale),
		chips: o.chips,
		status: o.status,
		at: o.at,
		sla: slaNow(app, o),
		technician: staffName(app, o.technicianId, locale)
	};
}

/**
 * Everything about one order for the people working it, with what the viewer may do now. The
 * reporter, the unit's residents with their phones, the resident's words and photos are left
 * out (`withheld`) for a technician looking at an order dispatched to someone else.
 */
export function detailOf(app: Foyer, o: WorkOrder, viewer: Viewer, locale: Locale) {
	const site = app.site.site;
	const open = canSeeReporter(viewer, o);
	const nameOf = (username: string | null) =>
		username === null ? null : (app.people.nameOfUsername(username) ?? username);
	const resident = o.residentId ? site.residents.find((r) => r.id === o.residentId) : undefined;
	const unitId = o.location.kind === 'unit' ? o.location.unitId : null;
	const target = app.sla.targets[o.category];
	return {
		...rowOf(app, o, locale),
		source: o.source,
		withheld: !open,
		text: open ? o.text : '',
		photos: open ? o.photos : [],
		phoneTail: open ? o.phoneTail : null,
		resident:
			open && resident ? { name: resident.name, phone: resident.phone, kind: resident.kind } : null,
		/** Everyone living in the unit, to call back when the reporter is not known. */
		occupants:
			open && unitId
				? site.residents
						.filter((r) => r.unitId === unitId && r.id !== o.residentId)
						.map((r) => ({ id: r.id, name: r.name, phone: r.phone, kind: r.kind }))
				: [],
		technicianId: o.technicianId,
		respondedAt: o.respondedAt,
		resolvedAt: o.resolvedAt,
		closedAt: o.closedAt,
		targets: {
			responseMs: target.responseMinutes * 60_000,
			resolutionMs: target.resolutionMinutes * 60_000
		},
		/** Business time from report to acceptance, once accepted. */
		responseMs: o.respondedAt
			? businessMsBetween(app.sla.hours, new Date(o.at), new Date(o.respondedAt))
			: null,
		followUp: o.followUp ? { ...o.followUp, by: nameOf(o.followUp.by) } : null,
		rating: o.rating,
		lowScoreTask: o.lowScoreTask ? { ...o.lowScoreTask, by: nameOf(o.lowScoreTask.by) } : null,
		history: o.history.map((h) => {
			// A dispatch without a note records the technician's id as its note; a written note
			// (no id) stays a note, a company account's id names it even once it is removed.
			const id = h.action === 'dispatch' ? h.note : null;
			const dispatchedTo =
				id && (app.people.nameOf(id) || id.startsWith(COMPANY_ID_PREFIX))
					? staffName(app, id, locale)
					: null;
			return {
				at: h.at,
				by: nameOf(h.by),
				action: h.action,
				from: h.from,
				to: h.to,
				note: dispatchedTo ? null : h.note,
				dispatchedTo
			};
		}),
		actions: allowedActions(o, viewer)
	};
}
export type OrderDetail = ReturnType<typeof detailOf>;
