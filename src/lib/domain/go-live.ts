/**
 * The go-live checklist of a new site (SEED=none): what is still missing before the kiosk can
 * take payments. Pure: the server gathers the facts, this says what each means.
 */

/** What the checklist is decided on. */
export interface GoLiveFacts {
	buildings: number;
	units: number;
	/** Residents with an 11-digit mobile number (the kiosk identifies by phone). */
	residentsWithPhone: number;
	feeStandards: number;
	counters: number;
	rooms: number;
	billsIssued: number;
	/** The payment provider is a real one, not the sandbox (whose QR payments are simulated). */
	realProvider: boolean;
	/** Approved kiosks. */
	kiosks: number;
	/** Printers that are not the virtual one. */
	realPrinters: number;
}

/** The steps, in the order the walk-through takes them; each with where it is done. */
export const GO_LIVE_STEPS = [
	{ id: 'units', links: ['/desk/site/buildings', '/desk/site/units', '/desk/site/import'] },
	{ id: 'residents', links: ['/desk/site/residents', '/desk/site/import'] },
	{ id: 'fees', links: ['/desk/site/fees', '/desk/site/import'] },
	{ id: 'counters', links: ['/desk/site/counters'] },
	{ id: 'rooms', links: ['/desk/site/rooms', '/desk/site/areas'] },
	{ id: 'bills', links: ['/desk/billing'] },
	{ id: 'provider', links: [] },
	{ id: 'kiosk', links: ['/desk/devices'] },
	{ id: 'printer', links: ['/desk/printers'] }
] as const;
export type GoLiveStepId = (typeof GO_LIVE_STEPS)[number]['id'];

/** Steps the kiosk cannot take payments without; rooms only matter for meetings. */
const OPTIONAL: readonly GoLiveStepId[] = ['rooms'];

export interface GoLiveItem {
	id: GoLiveStepId;
	ok: boolean;
	/** False for steps that do not stop payments (rooms). */
	required: boolean;
	links: readonly string[];
	/** Counts to show beside the step (e.g. units: 0). */
	count: number | null;
}

/** The checklist: each step, done or not. */
export function goLiveChecklist(f: GoLiveFacts): GoLiveItem[] {
	const state: Record<GoLiveStepId, { ok: boolean; count: number | null }> = {
		units: { ok: f.buildings > 0 && f.units > 0, count: f.units },
		residents: { ok: f.residentsWithPhone > 0, count: f.residentsWithPhone },
		fees: { ok: f.feeStandards > 0, count: f.feeStandards },
		counters: { ok: f.counters > 0, count: f.counters },
		rooms: { ok: f.rooms > 0, count: f.rooms },
		bills: { ok: f.billsIssued > 0, count: f.billsIssued },
		provider: { ok: f.realProvider, count: null },
		kiosk: { ok: f.kiosks > 0, count: f.kiosks },
		printer: { ok: f.realPrinters > 0, count: f.realPrinters }
	};
	return GO_LIVE_STEPS.map((s) => ({
		id: s.id,
		...state[s.id],
		required: !OPTIONAL.includes(s.id),
		links: s.links
	}));
}

/** True when nothing required is missing: the kiosk can take real payments. */
export function readyToGoLive(items: readonly GoLiveItem[]): boolean {
	return items.every((i) => i.ok || !i.required);
}
