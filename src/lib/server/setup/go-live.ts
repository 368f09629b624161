import { goLiveChecklist, readyToGoLive, type GoLiveItem } from '$lib/domain/go-live';
import { demand, type Acting } from '$lib/domain/permissions';
import type { DeviceService } from '../devices/devices';
import type { FeesService } from '../fees/ledger';
import type { PrintQueue } from '../printing';
import type { SiteService } from '../site/site';

/** A mobile number as the kiosk identifies residents by it. */
const MOBILE = /^1\d{10}$/;

/**
 * The go-live checklist for admins: gathers the facts from the services (only through their
 * public methods) and says what is still missing before the kiosk can take payments.
 */
export class GoLive {
	constructor(
		private readonly deps: {
			site: SiteService;
			fees: FeesService;
			devices: DeviceService;
			printing: PrintQueue;
			/** The payment provider's name ('sandbox' for the simulated one). */
			provider: () => string;
		}
	) {}

	/** The checklist and whether the site is ready (admins). */
	checklist(acting: Acting): { items: GoLiveItem[]; ready: boolean } {
		demand(acting.roles, 'site.goLive');
		const site = this.deps.site.site;
		const items = goLiveChecklist({
			buildings: site.buildings.length,
			units: site.units.length,
			residentsWithPhone: site.residents.filter((r) => MOBILE.test(r.phone)).length,
			feeStandards: site.feeStandards.length,
			counters: site.counters.length,
			rooms: site.rooms.length,
			billsIssued: this.deps.fees.allBalances().length,
			realProvider: this.deps.provider() !== 'sandbox',
			kiosks: this.deps.devices.list().filter((d) => d.kind === 'kiosk' && d.status === 'approved')
				.length,
			realPrinters: this.deps.printing.printerList().filter((p) => p.target !== 'virtual').length
		});
		return { items, ready: readyToGoLive(items) };
	}
}
