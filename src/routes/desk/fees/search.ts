import { phoneTail } from '$lib/domain/masking';
import type { Site } from '$lib/domain/site';
import { translate, type Locale } from '$lib/i18n';

export interface UnitHit {
	id: string;
	label: string;
	residents: string;
}

/**
 * Finds units for the cashier: by unit number written any common way (1-2-301, 1栋2单元301,
 * 1 2 301), by a resident's name, or by a phone number or its last digits.
 */
export function searchUnits(site: Site, q: string, locale: Locale, limit = 20): UnitHit[] {
	const digits = q.match(/\d+/g) ?? [];
	const byUnit =
		digits.length === 3
			? `${digits[0]}-${digits[1]}-${digits[2]}`
			: digits.length === 1
				? null
				: '';
	const phone = /^\d{4,11}$/.test(q) ? q : null;
	const hits = site.units.filter((u) => {
		if (byUnit && u.id === byUnit) return true;
		const people = site.residents.filter((r) => r.unitId === u.id);
		return people.some(
			(r) =>
				(!/\d/.test(q) && r.name.includes(q)) ||
				(phone !== null &&
					(phone.length === 4 ? phoneTail(r.phone) === phone : r.phone.includes(phone)))
		);
	});
	return hits.slice(0, limit).map((u) => ({
		id: u.id,
		label: translate(locale, 'fees.unitLabel', {
			building: u.building,
			entrance: u.entrance,
			room: u.room
		}),
		residents: site.residents
			.filter((r) => r.unitId === u.id)
			.map((r) => r.name)
			.join(translate(locale, 'list.separator'))
	}));
}
