import type { AuditEntry } from '$lib/server/audit/audit';
import type { Foyer } from '$lib/server/foyer';
import { formatNumber } from '$lib/domain/work-order';
import { translate, type Locale } from '$lib/i18n';
import { actionText } from './labels';

/** One line of the activity log as a person reads it: names, not ids or keys. */
export interface AuditLine {
	id: string;
	at: string;
	/** The staff member's name (or their username if the account is gone); null: the system. */
	who: string | null;
	what: string;
	/** What it was done to, by name (a request's number, a booking's title, a unit, …). */
	thing: string;
}

/** Names what an entry was about, from its target id or the detail it recorded. */
function thingOf(app: Foyer, e: AuditEntry, locale: Locale): string {
	const id = e.target;
	const detail = (e.detail ?? {}) as Record<string, unknown>;
	const area = e.action.slice(0, e.action.indexOf('.'));
	if (id && area === 'workOrder') {
		const order = app.workOrders.get(id);
		if (order)
			return translate(locale, 'audit.thing.workOrder', { number: formatNumber(order.number) });
	}
	if (id && area === 'booking') {
		const b = app.bookings.get(id);
		if (b) return b.title;
	}
	if (id && area === 'staff') {
		const name = app.people.nameOf(id);
		if (name) return name;
	}
	if (id && area === 'device') {
		const d = app.devices.list().find((x) => x.id === id);
		if (d) return d.name;
	}
	if (typeof detail.title === 'string') return detail.title;
	if (typeof detail.label === 'string') return detail.label;
	if (typeof detail.unitId === 'string') return app.receipts.unitLabel(detail.unitId, locale);
	if (area === 'print' && typeof detail.kind === 'string') {
		return translate(locale, 'desk.printers.kind', { kind: detail.kind });
	}
	if (typeof detail.username === 'string') return detail.username;
	return '';
}

/** The activity log's lines, newest first. */
export function auditLines(app: Foyer, entries: AuditEntry[], locale: Locale): AuditLine[] {
	const t = (key: Parameters<typeof translate>[1], values?: Parameters<typeof translate>[2]) =>
		translate(locale, key, values);
	return entries.map((e) => ({
		id: e.id,
		at: e.at,
		who: e.actor ? (app.people.nameOf(e.actor.id) ?? e.actor.username) : null,
		what: actionText(e.action, t),
		thing: thingOf(app, e, locale)
	}));
}
