/**
 * 返回 / Back: one step back within the task on screen. A task's first step, and a finished
 * task, have no step before them: the caller then goes home, which ends the visit.
 */
import { newCheckin, type IdentifyDraft, type KioskVisit } from './kiosk-visit.svelte';

/** One step back on the unit keypad (tail → room → entrance → building); false at its start. */
function identifyBack(d: IdentifyDraft): boolean {
	if (d.roomDone) {
		d.roomDone = false;
		d.phoneTail = '';
	} else if (d.entrance) {
		d.entrance = '';
		d.room = '';
	} else if (d.building) d.building = '';
	else return false;
	return true;
}

/**
 * Moves `visit` one step back and answers true, or answers false when there is no step back.
 * A QR payment still open is not handled here: it must be cancelled at the provider first.
 */
export function stepBack(visit: KioskVisit): boolean {
	switch (visit.screen) {
		case 'ticket':
			if (visit.ticket) return false;
			if (visit.identifying) {
				if (!identifyBack(visit.draft)) visit.identifying = false;
				return true;
			}
			if (!visit.ticketService) return false;
			visit.ticketService = null;
			return true;
		case 'pay':
			if (!visit.identity) return identifyBack(visit.draft);
			if (!visit.intent) return false;
			visit.intent = null;
			visit.bills = null;
			return true;
		case 'report': {
			const r = visit.report;
			if (r.result || !r.category) return false;
			if (r.handoff) r.handoff = null;
			else if (r.where === 'unit' && !visit.identity) {
				if (!identifyBack(visit.draft)) r.where = null;
			} else if (r.where) {
				r.where = null;
				r.areaId = null;
			} else r.category = null;
			return true;
		}
		case 'track': {
			const tr = visit.track;
			if (tr.view) tr.view = null;
			else if (tr.numberDone) {
				tr.numberDone = false;
				tr.phoneTail = '';
			} else return false;
			return true;
		}
		case 'checkin':
			if (!visit.checkin.meeting) return false;
			visit.checkin = newCheckin();
			return true;
		default:
			return false;
	}
}
