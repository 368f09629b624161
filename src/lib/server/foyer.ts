import type { Server as HttpServer } from 'node:http';
import { systemClock, type Clock } from '$lib/domain/time';
import { translate } from '$lib/i18n';
import { DomainEventBus } from './events';
import { PrintQueue, startVirtualPrinter, type VirtualPrinter } from './printing';
import { Realtime } from './realtime/realtime';
import { AuditService } from './audit/audit';
import { BOARDS } from '$lib/domain/boards';
import { AuthService } from './staff/sessions';
import { DeviceService } from './devices/devices';
import { FeesService } from './fees/ledger';
import { PaymentService } from './fees/payments';
import { BookingService } from './rooms/bookings';
import { RoomSettings } from './rooms/settings';
import { ServiceRatings } from './satisfaction/service-ratings';
import { SlaSettings } from './work-orders/sla-settings';
import { WorkOrderService } from './work-orders/work-orders';
import { openSandbox } from './payments/open-sandbox';
import type { SandboxProvider } from './payments/sandbox';
import { printReceipt } from './fees/receipt-printing';
import { workBoards } from './realtime/work-boards';
import { join } from 'node:path';
import { AttemptLimiter } from './http/attempt-limiter';
import { PhotoStore } from './work-orders/photos';
import { ReportHandoffs } from './work-orders/handoffs';
import { IdentifyService } from './site/identify';
import { NoticeService } from './notices/notices';
import { QueueService } from './queue/queue';
import { SiteService } from './site/site';
import { StaffService } from './staff/staff';
import { Store } from './store/store';

/** Everything one Foyer server owns: one store, one Socket.IO server, the services. */
export interface Foyer {
	version: string;
	startedAt: Date;
	clock: Clock;
	store: Store;
	events: DomainEventBus;
	realtime: Realtime;
	audit: AuditService;
	staff: StaffService;
	auth: AuthService;
	site: SiteService;
	notices: NoticeService;
	queue: QueueService;
	identify: IdentifyService;
	fees: FeesService;
	payments: PaymentService;
	sla: SlaSettings;
	workOrders: WorkOrderService;
	ratings: ServiceRatings;
	rooms: RoomSettings;
	bookings: BookingService;
	/** "Continue on your phone" drafts of reports. */
	handoffs: ReportHandoffs;
	photos: PhotoStore;
	/** Tracking by number + phone tail: failures per request number and per client address. */
	trackLimits: { byNumber: AttemptLimiter; byClient: AttemptLimiter };
	/** The sandbox payment provider (its phone page pays through it). */
	sandbox: SandboxProvider;
	printing: PrintQueue;
	devices: DeviceService;
	/** The loopback ESC/POS listener behind the printer target `virtual`. */
	virtualPrinter: VirtualPrinter;
	/** Asked for by the set-up walk-through of an empty site (SEED=none); printed on the console. */
	setupCode: string | null;
	/** Finishes writes in flight, closes sockets and releases the data folder. */
	close(): Promise<void>;
}

export interface FoyerOptions {
	dataDir: string;
	httpServer: HttpServer;
	version: string;
	clock?: Clock;
	origin?: string | undefined;
	/** PRINTER: the first printer's target (tcp://host:port, a device path, or virtual). */
	printer?: string | undefined;
}

/** Builds a Foyer on an HTTP server that is not listening yet. */
export async function createFoyer(options: FoyerOptions): Promise<Foyer> {
	const clock = options.clock ?? systemClock;
	const store = await Store.open({ dir: options.dataDir, clock });
	try {
		const events = new DomainEventBus();
		const audit = await AuditService.open(store);
		const site = await SiteService.open(store, { audit, events });
		const staff = await StaffService.open(store, { clock, audit, events });
		const auth = await AuthService.open(store, { clock, staff, audit, events });
		const notices = await NoticeService.open(store, { clock, audit, events });
		const queue = await QueueService.open(store, { clock, audit, events, site });
		// A loopback ESC/POS listener: with no printer attached, every job is still printed
		// somewhere Foyer can show it.
		const virtualPrinter = await startVirtualPrinter({ host: '127.0.0.1', port: 0, keep: 100 });
		const printing = await PrintQueue.open(store, {
			clock,
			audit,
			virtualTarget: () => virtualPrinter.url,
			resentMark: translate('zh-CN', 'print.resent'),
			log: (message, error) => console.error(message, error)
		});
		// The front-desk printer: PRINTER on any start (it says where the printer is now),
		// otherwise what was saved, otherwise the virtual printer.
		const frontDesk = printing.printerList().find((p) => p.id === 'front-desk');
		const target = options.printer || frontDesk?.target || 'virtual';
		if (!frontDesk || frontDesk.target !== target) {
			await printing
				.savePrinter(null, {
					...frontDesk,
					id: 'front-desk',
					name: frontDesk?.name ?? translate('zh-CN', 'print.frontDesk'),
					target,
					paper: frontDesk?.paper ?? 80
				})
				.catch(() => {
					throw new Error(
						`PRINTER=${target} is not a printer address: use tcp://host:port, a device path such as /dev/usb/lp0, or virtual.`
					);
				});
		}
		const devices = await DeviceService.open(store, {
			clock,
			audit,
			events,
			boards: BOARDS,
			printerIds: () => printing.printerList().map((p) => p.id),
			roomIds: () => site.site.rooms.map((r) => r.id)
		});
		const fees = await FeesService.open(store, { clock, audit, events, site });
		const sandbox = await openSandbox(store, clock);
		// Settlement prints the receipt without waiting for it; `app` exists by the time any
		// payment can settle (the sweep starts below, requests after the server listens).
		let app: Foyer | null = null;
		const payments = await PaymentService.open(store, {
			clock,
			audit,
			events,
			fees,
			provider: sandbox,
			log: (message, error) => console.error(message, error),
			onPaid: (intent, entry) => {
				if (!app) return;
				void printReceipt(app, entry, {
					locale: intent.locale,
					origin: intent.origin,
					kioskId: intent.kioskId
				});
			}
		});
		payments.start();
		const ratings = await ServiceRatings.open(store, { clock, audit, events });
		const sla = await SlaSettings.open(store, { audit, events, timeZone: site.site.timeZone });
		const workOrders = await WorkOrderService.open(store, {
			clock,
			audit,
			events,
			site,
			rolesOf: (id) => staff.byId(id)?.roles ?? null
		});
		const rooms = await RoomSettings.open(store, { audit, clock });
		const bookings = await BookingService.open(store, {
			clock,
			audit,
			events,
			site,
			policy: () => rooms.policy,
			onAvFailed: async (b, text) =>
				(
					await workOrders.submit(
						{ category: 'repair', location: { kind: 'room', roomId: b.roomId }, text },
						{ source: 'desk', residentId: null, phoneTail: null }
					)
				).id
		});
		// No-shows are released by the clock, not by anyone's request.
		const noShows = setInterval(() => {
			bookings.sweep().catch((e: unknown) => console.error('Releasing no-shows failed', e));
		}, 30_000);
		noShows.unref();
		const stopMidnight = queue.watchMidnight();
		const realtime = new Realtime({
			httpServer: options.httpServer,
			clock,
			events,
			auth,
			site,
			notices,
			queue,
			devices,
			payments,
			workBoards: workBoards({ clock, site, sla, workOrders, staff, rooms, bookings }),
			onPrint: (fn) => printing.listen(fn),
			origin: options.origin
		});
		app = {
			version: options.version,
			startedAt: clock.now(),
			clock,
			store,
			events,
			realtime,
			audit,
			staff,
			auth,
			site,
			notices,
			queue,
			identify: new IdentifyService({ clock, site }),
			fees,
			payments,
			sla,
			workOrders,
			ratings,
			rooms,
			bookings,
			handoffs: new ReportHandoffs(clock),
			photos: new PhotoStore(join(store.dir, 'photos')),
			trackLimits: {
				byNumber: new AttemptLimiter(clock, 5, 15 * 60_000),
				byClient: new AttemptLimiter(clock, 20, 15 * 60_000)
			},
			sandbox,
			printing,
			devices,
			virtualPrinter,
			setupCode: null,
			async close() {
				stopMidnight();
				clearInterval(noShows);
				payments.stop();
				sandbox.stop();
				realtime.close();
				// Printing first: its workers may still be writing job states to the store.
				await printing.close();
				await virtualPrinter.close();
				await store.close();
			}
		};
		return app;
	} catch (e) {
		await store.close();
		throw e;
	}
}

/**
 * The one key under which the server hands its Foyer to SvelteKit. A plain module singleton
 * is not enough: the custom server and SvelteKit's bundle each load their own copy of this
 * module (measured: two copies), but they share globalThis.
 */
const KEY = Symbol.for('foyer.app');

export function provideFoyer(app: Foyer | undefined): void {
	(globalThis as Record<symbol, unknown>)[KEY] = app;
}

/** The running Foyer. Throws when the server has not created one (e.g. `vite preview`). */
export function foyer(): Foyer {
	const app = (globalThis as Record<symbol, unknown>)[KEY] as Foyer | undefined;
	if (!app) throw new Error('Foyer is not running: start it with `npm start` or `npm run dev`.');
	return app;
}
