import { randomUUID } from 'node:crypto';
import { authorize } from './acting';
import type { Acting } from '$lib/domain/permissions';
import { z } from 'zod';
import { FoyerError } from '$lib/domain/errors';
import {
	newStaffSchema,
	passwordSchema,
	staffChangeSchema,
	staffSchema,
	type NewStaff,
	type Role,
	type Staff,
	type StaffView
} from '$lib/domain/staff';
import type { Clock } from '$lib/domain/time';
import { hashPassword } from './password';
import type { DomainEventBus } from '../events';
import type { Doc, FoyerStore } from '../store/contract';
import type { AuditService } from '../audit/audit';
import type { OutsideAccounts } from './outside';

/** What the staff accounts need. */
export interface StaffDeps {
	clock: Clock;
	audit: AuditService;
	events: DomainEventBus;
	/** The company's accounts (docs/company.md): their usernames are not a site's to take. */
	outside?: Pick<OutsideAccounts, 'taken' | 'byId'> | undefined;
}

const staffFileSchema = z.object({ staff: z.array(staffSchema) });
type StaffFile = z.infer<typeof staffFileSchema>;

export function view(s: Staff): StaffView {
	const { passwordHash: _hash, ...rest } = s;
	return rest;
}

/** Staff accounts: who may log in at the desk and with which roles. */
export class StaffService {
	private constructor(
		private readonly doc: Doc<StaffFile>,
		private readonly deps: StaffDeps
	) {}

	static async open(store: FoyerStore, deps: StaffDeps): Promise<StaffService> {
		const doc = await store.doc('staff', {
			defaults: { staff: [] },
			parse: (d) => staffFileSchema.parse(d)
		});
		return new StaffService(doc, deps);
	}

	list(): StaffView[] {
		return this.doc.data.staff.map(view);
	}

	count(): number {
		return this.doc.data.staff.length;
	}

	byId(id: string): Staff | undefined {
		return this.doc.data.staff.find((s) => s.id === id);
	}

	byUsername(username: string): Staff | undefined {
		return this.doc.data.staff.find((s) => s.username === username.toLowerCase());
	}

	/**
	 * Creates an account. `passwordHash` lets the seed hash its accounts in parallel beforehand;
	 * it must be this account's own (a hash already stored for another account is refused, so a
	 * salt is never shared). Otherwise the password is hashed here, with a new salt.
	 */
	async create(who: Acting | null, input: NewStaff, passwordHash?: string): Promise<StaffView> {
		const actor = authorize(who, 'staff.manage');
		const valid = newStaffSchema.parse(input);
		// A company account of the same name would be hidden here by the site's (site wins).
		if (this.byUsername(valid.username) || this.deps.outside?.taken(valid.username)) {
			throw new FoyerError('error.usernameTaken', { username: valid.username }, 409);
		}
		if (passwordHash && this.doc.data.staff.some((s) => s.passwordHash === passwordHash)) {
			throw new Error('A password hash is never shared: hash each account on its own.');
		}
		const now = this.deps.clock.now().toISOString();
		const staff: Staff = {
			id: randomUUID(),
			username: valid.username,
			displayName: valid.displayName,
			roles: [...new Set(valid.roles)],
			passwordHash: passwordHash ?? (await hashPassword(valid.password)),
			active: true,
			createdAt: now,
			updatedAt: now
		};
		await this.doc.update((d) => void d.staff.push(staff));
		await this.deps.audit.record(actor, 'staff.created', staff.id, {
			username: staff.username,
			roles: staff.roles
		});
		return view(staff);
	}

	/** Changes name, roles or active state. The last active admin cannot lose the role. */
	async change(
		who: Acting | null,
		id: string,
		input: { displayName: string; roles: Role[]; active: boolean }
	): Promise<StaffView> {
		const actor = authorize(who, 'staff.manage');
		const valid = staffChangeSchema.parse(input);
		const staff = this.#get(id);
		const staysAdmin = valid.active && valid.roles.includes('admin');
		if (!staysAdmin && this.#isLastAdmin(staff)) throw new FoyerError('error.lastAdmin');
		// The account is found again inside the change: on several processes the change may run
		// on a newer copy of the document (PgDoc), where `staff` is not the same object.
		await this.doc.update((d) => {
			const s = d.staff.find((x) => x.id === id);
			if (!s) return;
			s.displayName = valid.displayName;
			s.roles = [...new Set(valid.roles)];
			s.active = valid.active;
			s.updatedAt = this.deps.clock.now().toISOString();
		});
		await this.deps.audit.record(actor, 'staff.changed', id, { ...valid });
		this.deps.events.emit('staff:changed', { staffId: id });
		return view(this.#get(id));
	}

	async setPassword(who: Acting | null, id: string, password: string): Promise<void> {
		const actor = authorize(who, 'staff.manage');
		const valid = passwordSchema.parse(password);
		const staff = this.#get(id);
		const hash = await hashPassword(valid);
		await this.doc.update((d) => {
			const s = d.staff.find((x) => x.id === staff.id);
			if (!s) return;
			s.passwordHash = hash;
			s.updatedAt = this.deps.clock.now().toISOString();
		});
		await this.deps.audit.record(actor, 'staff.passwordSet', id);
		this.deps.events.emit('staff:changed', { staffId: id });
	}

	#get(id: string): Staff {
		const staff = this.byId(id);
		// A company account acting here is managed by operations (`npm run accounts`), not here;
		// any other id is no account of this site's, whoever's it is elsewhere.
		if (!staff && this.deps.outside?.byId(id)) {
			throw new FoyerError('error.companyAccountReadOnly', {}, 409);
		}
		if (!staff) throw new FoyerError('error.staffNotFound', {}, 404);
		return staff;
	}

	#isLastAdmin(staff: Staff): boolean {
		const admins = this.doc.data.staff.filter((s) => s.active && s.roles.includes('admin'));
		return admins.length === 1 && admins[0]!.id === staff.id;
	}
}
