import type { ErrorKey } from '$lib/i18n';
import { FoyerError } from './errors';
import { ROLES, type Role } from './staff';
import type { Action as WorkAction, WorkOrder } from './work-order';

/** Who may run the workflow of work orders on any order (a technician only on their own). */
const FLOW = ['dispatcher', 'manager'] as const;

/**
 * Head office (`headoffice`, a company account's role at every site, docs/company.md) reads
 * and never writes: the desk's home and its live overview, the reports and satisfaction pages,
 * the activity log, and the company's figures. Nothing that takes money, changes a record or
 * shows residents' personal details (billing lists names and phones).
 */
const READS = ['manager', 'headoffice'] as const;

/**
 * THE permission table: every action a person can take at the desk, and the roles that may
 * take it. Admins may do everything (see can). Routes, services and pages all ask `can()`;
 * nobody compares role names by hand.
 */
export const ACTIONS = {
	/** Open the desk at all (its home page). */
	'desk.open': ROLES,
	/**
	 * The live "today" overview on the desk's home (概览): the queue, work orders against SLA,
	 * the day's collections, rooms and screens. For those who run the center: collections are
	 * beyond the front desk's and a dispatcher's view (billing.view), so no other role has it.
	 */
	'overview.view': READS,
	'audit.read': READS,
	/** The server's details (/api/health?detail): data folder, connections, printers. */
	'server.detail': [],
	/** Scrape the Prometheus metrics (/api/metrics); a scraper uses METRICS_TOKEN instead. */
	'ops.metrics': [],

	// Fees: the cashier takes money; a manager undoes it.
	'fees.pay': ['cashier', 'manager'],
	'fees.reprint': ['cashier', 'manager'],
	/** Mark a flagged QR payment as looked at. */
	'fees.resolveFlag': ['cashier', 'manager'],
	'fees.void': ['manager'],
	/** A void of a QR payment gives the money back through the provider. */
	'fees.refund': ['manager'],
	/** Close one's own drawer-day and print its Z-report. */
	'fees.close': ['cashier', 'manager'],
	/** Close (or reprint) any drawer: another cashier's, the kiosks'. */
	'fees.closeAny': ['manager'],
	'billing.view': ['cashier', 'manager'],
	/** Enable payment providers and hold their keys: admins only. */
	'payments.configure': [],
	/** See the day's reconciliation with the providers' bills, and resolve its differences. */
	'payments.reconcile': ['cashier', 'manager'],
	/** Issuing a period's bills is a manager's decision. */
	'billing.run': ['manager'],

	'queue.call': ['frontdesk', 'cashier', 'manager'],
	'notices.publish': ['frontdesk', 'manager'],
	'staff.manage': [],
	/** Approve or reject a screen's pairing code. */
	'devices.approve': [],
	/** Change a paired screen's board, room or printer; reload it. */
	'devices.configure': [],

	/** See printers and jobs: test, probe, retry, cancel. */
	'printers.use': ['cashier', 'frontdesk', 'manager'],
	/** Add or change printers: it changes where receipts go. */
	'printers.manage': ['manager'],

	/** Open the work-order desk, take reports by phone or at the counter, see photos. */
	'workOrders.report': ['dispatcher', 'technician', 'frontdesk', 'manager'],
	'workOrders.accept': FLOW,
	'workOrders.reject': FLOW,
	'workOrders.dispatch': FLOW,
	'workOrders.start': FLOW,
	'workOrders.hold': FLOW,
	'workOrders.resume': FLOW,
	'workOrders.resolve': FLOW,
	'workOrders.followUp': FLOW,
	'workOrders.close': FLOW,
	'workOrders.cancel': FLOW,
	'workOrders.note': FLOW,
	/** Work the orders dispatched to oneself: the steps in TECHNICIAN_STEPS. */
	'workOrders.workOwn': ['technician'],
	/**
	 * See who reported an order and how to reach them (names, phones, the report's text and
	 * photos) on every order; a technician sees them only on orders dispatched to them.
	 */
	'workOrders.seeReporter': ['dispatcher', 'frontdesk', 'manager'],
	'sla.configure': ['manager'],

	'satisfaction.view': ['manager', 'dispatcher', 'headoffice'],
	/** The service-quality reports (/desk/reports): every section's figures, any period. */
	'reports.view': READS,
	/** Mark a low score's follow-up task done. */
	'satisfaction.lowScoreTask': ['manager', 'dispatcher'],

	'rooms.book': ['conference', 'manager'],
	'rooms.avCheck': ['conference', 'manager'],
	/** Room timings and the door panels' PIN. */
	'rooms.configure': ['manager'],

	// Data out (issue 11): exports and backups.
	/** Export records without personal data: ledger, closes, work orders, ratings, bookings. */
	'data.export': ['manager'],
	/** Export units and residents, bills and arrears: names and phones of residents. */
	'data.exportPersonal': ['manager'],
	/** See backups and take one now (a backup holds everything, so admins only). */
	'backup.run': [],
	/** The set-up walk-through's go-live checklist. */
	'site.goLive': [],

	// Site records (基础资料), issue 11: buildings, units, fee standards, counters, rooms, areas.
	'site.records': ['manager'],
	/** Residents move in and out at the front desk too. */
	'site.residents': ['frontdesk', 'manager'],
	/** Import units, residents, fee standards, readings and opening balances from a file. */
	'site.import': ['manager'],

	// The manager's reports (issue 15).
	/** Write a pack's comments and issue it (freezing its figures): what the manager hands in. */
	'reports.issue': ['manager'],

	// The company (issue 16): one deployment, many sites.
	/**
	 * Every site's figures and the company's (/desk/company): head office only — a site's admin
	 * runs one site and does not see the others (see COMPANY_ONLY).
	 */
	'company.view': ['headoffice']
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof ACTIONS;

/** Every permission, in the table's order. */
export const PERMISSIONS = Object.keys(ACTIONS) as Permission[];

/** A signed-in staff member acting at the desk: who they are and the roles that decide. */
export interface Acting {
	id: string;
	username: string;
	displayName: string;
	roles: readonly Role[];
}

/**
 * Actions a site's admin does not get by being admin: they reach beyond the site, so only the
 * roles the table names may take them.
 */
const COMPANY_ONLY: ReadonlySet<Permission> = new Set(['company.view']);

/**
 * Whether someone holding `roles` may take `action`. Admins may take every action of their
 * site (not the company's: COMPANY_ONLY).
 */
export function can(roles: readonly Role[], action: Permission): boolean {
	const allowed: readonly Role[] = ACTIONS[action];
	if (roles.some((r) => allowed.includes(r))) return true;
	return roles.includes('admin') && !COMPANY_ONLY.has(action);
}

/** Every permission of someone, for a page that decides which buttons to show. */
export function permissionsOf(roles: readonly Role[]): Record<Permission, boolean> {
	return Object.fromEntries(PERMISSIONS.map((p) => [p, can(roles, p)])) as Record<
		Permission,
		boolean
	>;
}

/**
 * What a refusal says: most say "not allowed"; the ones a manager must do say so, as the
 * desk said before there was one table.
 */
const REFUSALS: Partial<Record<Permission, ErrorKey>> = {
	'fees.void': 'error.managerOnly',
	'fees.refund': 'error.managerOnly',
	'billing.run': 'error.managerOnly',
	'rooms.configure': 'error.managerOnly'
};

/** Throws a 403 FoyerError unless `roles` may take `action` (what services call first). */
export function demand(roles: readonly Role[], action: Permission): void {
	if (!can(roles, action)) throw new FoyerError(REFUSALS[action] ?? 'error.forbidden', {}, 403);
}

/** The steps a technician may take on an order dispatched to them. */
export const TECHNICIAN_STEPS: readonly WorkAction[] = [
	'start',
	'hold',
	'resume',
	'resolve',
	'note'
];

/**
 * Whether someone may take a workflow step on an order: dispatchers and managers on any
 * order, a technician only on the orders dispatched to them.
 */
export function canWork(
	who: { id: string; roles: readonly Role[] },
	order: Pick<WorkOrder, 'technicianId'>,
	step: WorkAction
): boolean {
	if (can(who.roles, `workOrders.${step}`)) return true;
	return (
		TECHNICIAN_STEPS.includes(step) &&
		can(who.roles, 'workOrders.workOwn') &&
		order.technicianId === who.id
	);
}

/**
 * Whether someone may see an order's reporter, their phones, words and photos: those who run
 * or take reports on every order, and a technician on the orders dispatched to them only.
 */
export function canSeeReporter(
	who: { id: string; roles: readonly Role[] },
	order: Pick<WorkOrder, 'technicianId'>
): boolean {
	if (can(who.roles, 'workOrders.seeReporter')) return true;
	return can(who.roles, 'workOrders.workOwn') && order.technicianId === who.id;
}

/**
 * Where someone lands after logging in: a cashier at 收费 Fees, which is their whole job (the
 * search field ready), everyone else at the desk's home.
 */
export function landingPath(roles: readonly Role[]): '/desk' | '/desk/fees' {
	return roles.includes('cashier') && !roles.includes('admin') ? '/desk/fees' : '/desk';
}

/** Desk sections (pages) and the permission that opens each. */
export const DESK_SECTIONS = {
	home: 'desk.open',
	queue: 'queue.call',
	notices: 'notices.publish',
	staff: 'staff.manage',
	devices: 'devices.approve',
	audit: 'audit.read',
	fees: 'fees.pay',
	billing: 'billing.view',
	close: 'fees.close',
	printers: 'printers.use',
	workorders: 'workOrders.report',
	satisfaction: 'satisfaction.view',
	sla: 'sla.configure',
	rooms: 'rooms.book',
	backups: 'backup.run',
	/** /desk/site: the site records' index (front desk sees residents only). */
	site: 'site.residents',
	payments: 'payments.configure',
	reports: 'reports.view',
	/** /desk/company: every site's figures and the company's (head office). */
	company: 'company.view'
} as const satisfies Record<string, Permission>;
export type DeskSection = keyof typeof DESK_SECTIONS;

/** Whether someone may open a desk section (page). */
export function canOpen(roles: readonly Role[], section: DeskSection): boolean {
	return can(roles, DESK_SECTIONS[section]);
}
