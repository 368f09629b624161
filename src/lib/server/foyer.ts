import { DEFAULT_TIME_ZONE, systemClock } from '$lib/domain/time';
import { translate } from '$lib/i18n';
import { DomainEventBus } from './events';
import { PrintQueue, startVirtualPrinter } from './printing';
import { Realtime } from './realtime/realtime';
import {
	alwaysLeader,
	clockWorkKey,
	Leader,
	whileLeading,
	type Leadership
} from './cluster/leader';
import { AuditService } from './audit/audit';
import { BOARDS } from '$lib/domain/boards';
import { AuthService } from './staff/sessions';
import { DeviceService } from './devices/devices';
import { DeviceDesk } from './devices/device-desk';
import { PrinterDesk } from './devices/printer-desk';
import { FeesService } from './fees/ledger';
import { PaymentService } from './fees/payments';
import { BookingService } from './rooms/bookings';
import { RoomSettings } from './rooms/settings';
import { DoorPanel } from './rooms/door-panel';
import { RoomDesk } from './rooms/room-desk';
import { MeetingCheckIn } from './rooms/meeting-checkin';
import { SlowDown } from './http/slow-down';
import { ServiceRatings } from './satisfaction/service-ratings';
import { Satisfaction } from './satisfaction/satisfaction';
import { Tracking } from './work-orders/tracking';
import { SlaSettings } from './work-orders/sla-settings';
import { WorkOrderService } from './work-orders/work-orders';
import { WorkOrderDesk } from './work-orders/work-order-desk';
import { KioskReports } from './work-orders/kiosk-reports';
import { openSandbox } from './payments/open-sandbox';
import { PaymentProviders } from './payments/registry';
import { PaymentsConfigFile } from './payments/config';
import { PaymentSettings } from './fees/payment-settings';
import { Reconciliation } from './fees/reconciliation';
import { ReceiptPrinting } from './fees/receipt-printing';
import { ReceiptOutbox } from './fees/receipt-outbox';
import { CashierDesk } from './fees/cashier';
import { DrawerClosing } from './fees/drawer-closing';
import { subscribeFees } from './fees/subscriptions';
import { subscribeWorkOrders } from './work-orders/subscriptions';
import { startNoShowRelease } from './rooms/no-show-release';
import { workBoards } from './realtime/work-boards';
import { TodayService } from './overview/today';
import { dirname, join, resolve } from 'node:path';
import { BackupService } from './backup/backups';
import { ExportService } from './exports/exports';
import { ReportService } from './reports/reports';
import { ReportPacks } from './reports/packs';
import { GoLive } from './setup/go-live';
import { attemptLimit } from './http/attempt-limiter';
import { RequestLimits } from './http/request-limits';
import { PhotoStore } from './work-orders/photos';
import { ReportHandoffs } from './work-orders/handoffs';
import { IdentifyService } from './site/identify';
import { NoticeService } from './notices/notices';
import { QueueService } from './queue/queue';
import { KioskTickets } from './queue/kiosk-tickets';
import { SiteService } from './site/site';
import { SitePlaces } from './site/places';
import { SiteRecords } from './site/records';
import { SiteImports } from './site/import/imports';
import { StaffService } from './staff/staff';
import { People } from './staff/people';
import { Store } from './store/store';
import { openStore, pingStore } from './store/open';
import { createLogger, errorFields } from './ops/logger';
import { DEFAULT_SITE_ID } from './sites/hosts';
import { siteInContext } from './sites/context';
import type { ServedSites } from './sites/served';
import { Readiness } from './ops/readiness';
import { countOperations, eventLogger, instrumentation, watchPrinters } from './instrument';
import type { Foyer, FoyerOptions } from './foyer-app';

export type { Foyer, FoyerOptions } from './foyer-app';

/** Builds a Foyer on an HTTP server that is not listening yet. */
export async function createFoyer(options: FoyerOptions): Promise<Foyer> {
	const clock = options.clock ?? systemClock;
	const siteId = options.site || DEFAULT_SITE_ID;
	const root = options.logger ?? createLogger({ level: 'warn' });
	// Every line a site's services log names the site (`logger` is the site's).
	const { logger, log, metrics, late, stop } = instrumentation(root, siteId, options.metrics);
	const dataDir = resolve(options.dataDir);
	// Records are filed under their day in the site's time zone, which the site (opened from
	// this same store) holds and may change while Foyer runs.
	let zone = (): string => DEFAULT_TIME_ZONE;
	const store = await openStore({
		dataDir,
		databaseUrl: options.databaseUrl,
		database: options.database,
		site: siteId,
		clock,
		timeZone: () => zone(),
		observe: (op, seconds) => metrics.writeLatency.observe({ site: siteId, op }, seconds)
	});
	// On PostgreSQL several processes may share the database: one of them (the leader, chosen
	// through the database) runs what the clock drives, and pushes reach every process's sockets.
	let leadership: Leadership = alwaysLeader();
	const cluster = Boolean(options.databaseUrl);
	try {
		if (options.databaseUrl) {
			leadership = await Leader.start({
				databaseUrl: options.databaseUrl,
				session: options.leaderSession,
				key: clockWorkKey(siteId),
				log: (line) => logger.info({ kind: 'cluster' }, line),
				onError: log
			});
		}
		const events = new DomainEventBus(log, eventLogger(logger));
		const stopCounting = countOperations(events, metrics, siteId);
		const stopWatching = watchPrinters(events, logger);
		const audit = await AuditService.open(store);
		const site = await SiteService.open(store, { audit, events });
		zone = () => site.site.timeZone;
		// A company's accounts sign in here with their roles at this site (docs/company.md).
		const outside = options.company?.accountsAt(siteId);
		const staff = await StaffService.open(store, { clock, audit, events, outside });
		const auth = await AuthService.open(store, { clock, staff, audit, events, outside });
		const people = new People({ staff, outside });
		const notices = await NoticeService.open(store, { clock, audit, events });
		const queue = await QueueService.open(store, { clock, audit, events, site });
		const identify = await IdentifyService.open(store, { clock, site });
		const handoffs = await ReportHandoffs.open(store, clock);
		// Public requests that cost paper or screen space: tickets, reports, slips, pairing codes.
		const limits = new RequestLimits(clock, store.attempts);
		const trackLimits = {
			byNumber: attemptLimit(clock, store.attempts, 'track.number', 5, 15 * 60_000),
			byClient: attemptLimit(clock, store.attempts, 'track.client', 20, 15 * 60_000)
		};
		// A loopback ESC/POS listener: with no printer attached, every job is still printed
		// somewhere Foyer can show it.
		const virtualPrinter = await startVirtualPrinter({ host: '127.0.0.1', port: 0, keep: 100 });
		const printing = await PrintQueue.open(store, {
			clock,
			audit,
			events,
			virtualTarget: () => virtualPrinter.url,
			resentMark: translate('zh-CN', 'print.resent'),
			// In a cluster only the leader drives the printers (below): a receipt prints once.
			drive: !cluster,
			log
		});
		const stopPrinters = cluster
			? whileLeading(leadership, () => {
					void printing.startWorker().catch((e: unknown) => log('Printing failed to start', e));
					return () => printing.stopWorker();
				})
			: async () => {};
		late.printing = printing;
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
			roomIds: () => site.site.rooms.map((r) => r.id),
			limits
		});
		const fees = await FeesService.open(store, { clock, audit, events, site });
		const records = new SiteRecords({ site, clock });
		const places = new SitePlaces({ site });
		const imports = await SiteImports.open(store, { site, fees, clock });
		const sandbox = await openSandbox(store, clock, (m, e) =>
			logger.warn(e === undefined ? {} : { err: errorFields(e) }, m)
		);
		const providers = new PaymentProviders(sandbox);
		const paymentSettings = await PaymentSettings.open(
			{
				file: new PaymentsConfigFile(dataDir),
				providers,
				clock,
				audit,
				publicUrl: options.publicUrl,
				fetch: options.fetch
			},
			log
		);
		const payments = await PaymentService.open(store, {
			clock,
			audit,
			events,
			fees,
			providers,
			expiryMs: options.paymentWindowMs,
			log,
			rejected: (provider, reason) =>
				metrics.notificationsRejected.inc({ site: siteId, provider, reason })
		});
		const stopSweep = whileLeading(leadership, () => {
			payments.start();
			return () => payments.stop();
		});
		const reconciliation = await Reconciliation.open(store, {
			clock,
			audit,
			fees,
			providers,
			payments,
			timeZone: () => site.site.timeZone,
			log
		});
		const stopReconciliation = whileLeading(leadership, () => {
			reconciliation.start();
			return () => reconciliation.stop();
		});
		const ratings = await ServiceRatings.open(store, { clock, audit, events });
		const sla = await SlaSettings.open(store, { audit, events, timeZone: site.site.timeZone });
		const workOrders = await WorkOrderService.open(store, {
			clock,
			audit,
			events,
			site,
			rolesOf: (id) => people.rolesOf(id)
		});
		const rooms = await RoomSettings.open(store, { audit, clock });
		const bookings = await BookingService.open(store, {
			clock,
			audit,
			events,
			site,
			policy: () => rooms.policy
		});
		const receipts = new ReceiptPrinting({ printing, devices, site, fees, log });
		// Each feature reacts to the others' events in its own subscriptions file.
		const outbox = new ReceiptOutbox({ clock, payments, receipts, fees, devices, log });
		subscribeFees(events, { outbox });
		const stopOutbox = whileLeading(leadership, () => outbox.start());
		subscribeWorkOrders(events, { workOrders, bookings });
		const stopNoShows = whileLeading(leadership, () => startNoShowRelease(bookings, log));
		const stopMidnight = whileLeading(leadership, () => queue.watchMidnight());
		const backups = await BackupService.open(
			{ store, clock, audit },
			{
				dir: resolve(options.backupDir || join(dirname(dataDir), 'backups')),
				keep: options.backupKeep ?? 14,
				version: options.version
			}
		);
		// A database is backed up by the database's own means (docs/store.md), not on a schedule here.
		const stopBackups = store instanceof Store ? backups.start(log) : () => {};
		const boards = workBoards({ clock, site, sla, workOrders, people, rooms, bookings });
		// Which screens are connected is known to the realtime layer, built just below.
		let isOnline = (_deviceId: string): boolean => false;
		const today = new TodayService({
			clock,
			site,
			queue,
			workOrders,
			sla,
			fees,
			devices,
			printing,
			rooms: () => boards.rooms(),
			online: (id) => isOnline(id)
		});
		const reports = new ReportService({
			clock,
			site,
			people,
			sla,
			workOrders,
			fees,
			ratings,
			queue,
			bookings
		});
		const stopWarmUp = reports.warmUp(log);
		// Issuing a pack freezes what the reports service computes at that moment.
		const reportPacks = await ReportPacks.open(store, {
			audit,
			now: () => clock.now().toISOString(),
			report: (who, period) => reports.report(who, period)
		});
		const realtime = new Realtime({
			sockets: options.sockets,
			siteId,
			clock,
			events,
			auth,
			site,
			notices,
			queue,
			devices,
			payments,
			workBoards: boards,
			today,
			origin: options.origin,
			adapter: options.relay?.adapter(siteId),
			log,
			observePush: (event, seconds) => metrics.pushLatency.observe({ site: siteId, event }, seconds)
		});
		late.realtime = realtime;
		const readiness = new Readiness({
			get state() {
				return store.state;
			},
			ping: () => pingStore(store)
		});
		const stopClocks = whileLeading(leadership, () => realtime.startClocks());
		isOnline = (id) => realtime.isOnline(id);
		return {
			siteId,
			version: options.version,
			startedAt: clock.now(),
			clock,
			dataDir,
			store,
			events,
			logger,
			metrics,
			metricsToken: options.metricsToken || null,
			readiness,
			realtime,
			audit,
			staff,
			people,
			auth,
			site,
			records,
			places,
			imports,
			notices,
			queue,
			identify,
			kioskTickets: new KioskTickets({ queue, identify, site, devices, printing, limits }),
			fees,
			payments,
			paymentSettings,
			reconciliation,
			sla,
			workOrders,
			workOrderDesk: new WorkOrderDesk({ workOrders, queue }),
			ratings,
			rooms,
			bookings,
			doorPanel: new DoorPanel({ clock, site, devices, rooms, bookings }),
			roomDesk: new RoomDesk({ bookings, rooms }),
			handoffs,
			kioskReports: new KioskReports({
				identify,
				site,
				devices,
				printing,
				workOrders,
				handoffs,
				limits,
				sla
			}),
			photos: new PhotoStore(join(dataDir, 'photos')),
			trackLimits,
			tracking: new Tracking({ workOrders, trackLimits }),
			satisfaction: new Satisfaction({ ratings, fees, workOrders, site }),
			today,
			meetingCheckIn: new MeetingCheckIn({
				bookings,
				site,
				slowDown: new SlowDown(clock, {
					free: 5,
					maxDelayMs: 30_000,
					forgetMs: 15 * 60_000,
					name: 'meetingCheckIn'
				})
			}),
			backups,
			goLive: new GoLive({
				site,
				fees,
				devices,
				printing,
				provider: () => providers.real()[0]?.name ?? sandbox.name
			}),
			reports,
			reportPacks,
			exports: new ExportService({
				clock,
				site,
				fees,
				sla,
				workOrders,
				ratings,
				bookings,
				audit,
				queue,
				people
			}),
			sandbox,
			printing,
			receipts,
			cashier: new CashierDesk({ fees, payments, queue, printing, devices, receipts, log }),
			drawerClosing: new DrawerClosing({ fees, printing, devices, receipts, log }),
			devices,
			deviceDesk: new DeviceDesk({ devices }),
			printerDesk: new PrinterDesk({ printing, site, clock }),
			virtualPrinter,
			leadership,
			company: options.company ?? null,
			setupCode: null,
			async close() {
				readiness.drain();
				stopCounting();
				stopWatching();
				await stopMidnight();
				await stopNoShows();
				stopBackups();
				stopWarmUp();
				await backups.settled();
				await stopSweep();
				await stopOutbox();
				await stopReconciliation();
				await stopClocks();
				await stopPrinters();
				sandbox.stop();
				realtime.close();
				// Printing first: its workers may still be writing job states to the store.
				await printing.close();
				await virtualPrinter.close();
				// The lead goes before the store: another process takes it over at once.
				await leadership.close();
				await store.close();
				stop();
			}
		};
	} catch (e) {
		await leadership.close();
		await store.close();
		stop();
		throw e;
	}
}

/**
 * The one key under which the server hands its sites to SvelteKit. A plain module singleton
 * is not enough: the custom server and SvelteKit's bundle each load their own copy of this
 * module (measured: two copies), but they share globalThis.
 */
const KEY = Symbol.for('foyer.sites');

export function provideFoyer(sites: ServedSites<Foyer> | undefined): void {
	(globalThis as Record<symbol, unknown>)[KEY] = sites;
}

/** The sites this process serves. Throws when the server has not started (e.g. `vite preview`). */
export function servedSites(): ServedSites<Foyer> {
	const sites = (globalThis as Record<symbol, unknown>)[KEY] as ServedSites<Foyer> | undefined;
	if (!sites) throw new Error('Foyer is not running: start it with `npm start` or `npm run dev`.');
	return sites;
}

/**
 * The Foyer of the site being answered for (hooks.server.ts runs each request in its site),
 * or the one site a lobby PC serves.
 */
export function foyer(): Foyer {
	const app = (siteInContext() as Foyer | undefined) ?? servedSites().only;
	if (!app) throw new Error('No site is being answered for: foyer() outside a request.');
	return app;
}
