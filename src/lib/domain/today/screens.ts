import type { Device, DeviceKind } from '../device';

/** A paired screen or a printer that is not there now, and for how long. */
export interface Offline {
	id: string;
	name: string;
	/** Screens: kiosk or display; printers: `printer`. */
	kind: DeviceKind | 'printer';
	/** Since when (ISO); null when Foyer never saw it (a printer that failed its first job
	 * after a restart, a screen approved but never connected). */
	since: string | null;
	/** now − since (ms), null without `since`. */
	forMs: number | null;
}

export interface TodayScreens {
	/** Approved screens, and those of them not connected now, longest gone first. */
	screens: { total: number; offline: Offline[] };
	/** Configured printers, and those that could not be reached or refused their last job. */
	printers: { total: number; offline: Offline[] };
}

/** A printer as the print queue knows it: its state and since when it has been down. */
export interface PrinterHealth {
	id: string;
	name: string;
	state: 'unknown' | 'online' | 'offline' | 'error';
	downSince: string | null;
}

const longestFirst = (a: Offline, b: Offline) => (b.forMs ?? -1) - (a.forMs ?? -1);

/**
 * Screens and printers that are down. A screen is offline when it has no socket open now;
 * it was last seen when its socket closed (`lastSeenAt`). A printer is down in state
 * `offline` or `error`; `unknown` (not tried since the server started) is not counted down.
 */
export function todayScreens(
	devices: readonly (Pick<Device, 'id' | 'name' | 'kind' | 'status' | 'lastSeenAt'> & {
		online: boolean;
	})[],
	printers: readonly PrinterHealth[],
	now: Date
): TodayScreens {
	const forMs = (since: string | null) =>
		since ? Math.max(0, now.getTime() - Date.parse(since)) : null;
	const approved = devices.filter((d) => d.status === 'approved');
	const screens = approved
		.filter((d) => !d.online)
		.map((d) => ({
			id: d.id,
			name: d.name,
			kind: d.kind,
			since: d.lastSeenAt,
			forMs: forMs(d.lastSeenAt)
		}))
		.sort(longestFirst);
	const down = printers
		.filter((p) => p.state === 'offline' || p.state === 'error')
		.map((p) => ({
			id: p.id,
			name: p.name,
			kind: 'printer' as const,
			since: p.downSince,
			forMs: forMs(p.downSince)
		}))
		.sort(longestFirst);
	return {
		screens: { total: approved.length, offline: screens },
		printers: { total: printers.length, offline: down }
	};
}
