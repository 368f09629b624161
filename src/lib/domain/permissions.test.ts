import { describe, expect, it } from 'vitest';
import { isFoyerError } from './errors';
import {
	ACTIONS,
	DESK_SECTIONS,
	PERMISSIONS,
	can,
	canOpen,
	canSeeReporter,
	canWork,
	demand,
	landingPath,
	permissionsOf,
	type DeskSection,
	type Permission
} from './permissions';
import { ROLES, type Role } from './staff';

/** The permissions of someone holding only `role`. */
const allowed = (role: Role): Permission[] => PERMISSIONS.filter((p) => can([role], p));
const sections = (role: Role): DeskSection[] =>
	(Object.keys(DESK_SECTIONS) as DeskSection[]).filter((s) => canOpen([role], s));

describe('who may do what', () => {
	it("an admin may do everything at the site, but not read the company's other sites", () => {
		expect(allowed('admin')).toEqual(PERMISSIONS.filter((p) => p !== 'company.view'));
		expect(sections('admin')).toEqual(
			(Object.keys(DESK_SECTIONS) as DeskSection[]).filter((s) => s !== 'company')
		);
	});

	it('head office reads (overview, reports, satisfaction, activity log, the company) and never writes', () => {
		expect(allowed('headoffice')).toEqual([
			'desk.open',
			'overview.view',
			'audit.read',
			'satisfaction.view',
			'reports.view',
			'company.view'
		]);
		expect(sections('headoffice')).toEqual(['home', 'audit', 'satisfaction', 'reports', 'company']);
		expect(can(['headoffice'], 'fees.pay')).toBe(false);
		expect(can(['headoffice'], 'reports.issue')).toBe(false);
		// A head-office account that is also a site's cashier takes money there as a cashier.
		expect(can(['cashier', 'headoffice'], 'fees.pay')).toBe(true);
	});

	it('a cashier takes payments, reprints and closes their own drawer, but cannot void, refund, close others or run bills', () => {
		for (const p of ['fees.pay', 'fees.reprint', 'fees.resolveFlag', 'fees.close'] as const) {
			expect(can(['cashier'], p)).toBe(true);
		}
		for (const p of ['fees.void', 'fees.refund', 'fees.closeAny', 'billing.run'] as const) {
			expect(can(['cashier'], p)).toBe(false);
		}
		expect(sections('cashier')).toEqual(['home', 'queue', 'fees', 'billing', 'close', 'printers']);
	});

	it('a manager voids, refunds, closes any drawer, runs bills and sets printers, rooms and SLA up', () => {
		for (const p of [
			'fees.void',
			'fees.refund',
			'fees.closeAny',
			'billing.run',
			'printers.manage',
			'rooms.configure',
			'sla.configure',
			'satisfaction.lowScoreTask'
		] as const) {
			expect(can(['manager'], p)).toBe(true);
		}
		// Staff accounts and screens are the admin's.
		expect(can(['manager'], 'staff.manage')).toBe(false);
		expect(can(['manager'], 'devices.approve')).toBe(false);
	});

	it('the front desk calls the queue, publishes notices, takes reports, uses printers and keeps residents, but does not set printers up', () => {
		expect(allowed('frontdesk')).toEqual([
			'desk.open',
			'queue.call',
			'notices.publish',
			'printers.use',
			'workOrders.report',
			'workOrders.seeReporter',
			'site.residents'
		]);
	});

	it('a technician sees who reported an order, their phones and words, only on orders dispatched to him', () => {
		const tech = { id: 't1', roles: ['technician'] as const };
		expect(canSeeReporter(tech, { technicianId: 't1' })).toBe(true);
		expect(canSeeReporter(tech, { technicianId: 't2' })).toBe(false);
		expect(canSeeReporter(tech, { technicianId: null })).toBe(false);
		for (const role of ['dispatcher', 'frontdesk', 'manager', 'admin'] as const) {
			expect(canSeeReporter({ id: 'x', roles: [role] }, { technicianId: 't2' })).toBe(true);
		}
		expect(canSeeReporter({ id: 'c', roles: ['cashier'] }, { technicianId: null })).toBe(false);
	});

	it('a cashier lands on 收费 after logging in, everyone else on the desk home', () => {
		expect(landingPath(['cashier'])).toBe('/desk/fees');
		expect(landingPath(['cashier', 'frontdesk'])).toBe('/desk/fees');
		expect(landingPath(['admin'])).toBe('/desk');
		expect(landingPath(['dispatcher'])).toBe('/desk');
	});

	it('site records and imports are for managers; residents for the front desk too', () => {
		expect(can(['manager'], 'site.records')).toBe(true);
		expect(can(['manager'], 'site.import')).toBe(true);
		expect(can(['frontdesk'], 'site.records')).toBe(false);
		expect(can(['frontdesk'], 'site.import')).toBe(false);
		expect(can(['cashier'], 'site.residents')).toBe(false);
	});

	it('a dispatcher runs the whole work-order flow and the low-score tasks', () => {
		for (const step of ['accept', 'dispatch', 'followUp', 'close', 'cancel', 'note'] as const) {
			expect(can(['dispatcher'], `workOrders.${step}`)).toBe(true);
		}
		expect(can(['dispatcher'], 'satisfaction.lowScoreTask')).toBe(true);
		expect(can(['dispatcher'], 'fees.pay')).toBe(false);
	});

	it("a technician sees only his queue's actions: the working steps of orders dispatched to him", () => {
		expect(allowed('technician')).toEqual(['desk.open', 'workOrders.report', 'workOrders.workOwn']);
		const mine = { technicianId: 't1' };
		const others = { technicianId: 't2' };
		const t1 = { id: 't1', roles: ['technician'] as Role[] };
		for (const step of ['start', 'hold', 'resume', 'resolve', 'note'] as const) {
			expect(canWork(t1, mine, step)).toBe(true);
			expect(canWork(t1, others, step)).toBe(false);
		}
		for (const step of ['accept', 'reject', 'dispatch', 'followUp', 'close', 'cancel'] as const) {
			expect(canWork(t1, mine, step)).toBe(false);
		}
	});

	it('a dispatcher works any order; someone who is also a technician keeps the wider right', () => {
		const both = { id: 'x', roles: ['technician', 'dispatcher'] as Role[] };
		expect(canWork(both, { technicianId: 'other' }, 'start')).toBe(true);
		expect(canWork({ id: 'd', roles: ['dispatcher'] }, { technicianId: null }, 'resolve')).toBe(
			true
		);
	});

	it('conference staff book rooms and check AV, but do not change room timings or the PIN', () => {
		expect(allowed('conference')).toEqual(['desk.open', 'rooms.book', 'rooms.avCheck']);
		expect(sections('conference')).toEqual(['home', 'rooms']);
	});

	it('the desk sections open for the roles they always did', () => {
		expect(sections('frontdesk')).toEqual([
			'home',
			'queue',
			'notices',
			'printers',
			'workorders',
			'site'
		]);
		expect(sections('dispatcher')).toEqual(['home', 'workorders', 'satisfaction']);
		expect(sections('technician')).toEqual(['home', 'workorders']);
		expect(sections('manager')).toEqual(
			// Backups hold everything, personal data included: admins only.
			(Object.keys(DESK_SECTIONS) as DeskSection[]).filter(
				(s) =>
					s !== 'staff' && s !== 'devices' && s !== 'backups' && s !== 'payments' && s !== 'company'
			)
		);
	});

	it('someone with no roles may do nothing', () => {
		expect(Object.values(permissionsOf([])).some(Boolean)).toBe(false);
	});

	it('every permission names only real roles', () => {
		for (const roles of Object.values(ACTIONS)) {
			for (const r of roles) expect(ROLES).toContain(r);
		}
	});

	it('a refusal says "managers only" where the desk always said so, else "not allowed"', () => {
		const refusal = (p: Permission) => {
			try {
				demand(['cashier'], p);
			} catch (e) {
				return isFoyerError(e) ? [e.key, e.status] : e;
			}
			return null;
		};
		expect(refusal('fees.void')).toEqual(['error.managerOnly', 403]);
		expect(refusal('printers.manage')).toEqual(['error.forbidden', 403]);
		expect(refusal('fees.pay')).toBeNull();
	});
});
