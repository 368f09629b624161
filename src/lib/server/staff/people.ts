import type { Role, SiteRole, StaffView } from '$lib/domain/staff';
import type { OutsideAccounts } from './outside';

/** A company account as a site's staff page shows it: read-only, managed by operations. */
export interface CompanyAccountHere {
	id: string;
	username: string;
	displayName: string;
	/** Its roles at this site (none for a head-office account that only reads here). */
	roles: SiteRole[];
	headOffice: boolean;
}

/** Someone who may be dispatched to, as the desk's picker offers them. */
export interface Technician {
	id: string;
	name: string;
	/** A company account (docs/company.md), not one of the site's own. */
	company: boolean;
}

export interface PeopleDeps {
	/** The site's own accounts. */
	staff: {
		list(): StaffView[];
		byId(id: string): StaffView | undefined;
		byUsername(username: string): StaffView | undefined;
	};
	/** The company's accounts as this site sees them; none on a lobby PC or a lone site. */
	outside?: Pick<OutsideAccounts, 'byId' | 'list' | 'nameOf'> | undefined;
}

/**
 * Everyone who works at the site, by id or username: the site's own staff and the company's
 * accounts with roles here (docs/company.md). The one place that names a person from an id
 * kept in a record (a work order's technician, a ticket's caller, the activity log) and that
 * says who may be dispatched to. Ids cannot collide: a site's are bare UUIDs, a company
 * account's start with `company:` (COMPANY_ID_PREFIX). Where both have a username, the site's
 * own account wins, as at log-in.
 */
export class People {
	constructor(private readonly deps: PeopleDeps) {}

	/** The display name of the person with this id, or null for an id nobody has. */
	nameOf(id: string): string | null {
		return this.deps.staff.byId(id)?.displayName ?? this.deps.outside?.nameOf({ id }) ?? null;
	}

	/** The display name of the person with this username (records that keep usernames). */
	nameOfUsername(username: string): string | null {
		return (
			this.deps.staff.byUsername(username)?.displayName ??
			this.deps.outside?.nameOf({ username }) ??
			null
		);
	}

	/**
	 * The roles the person acts with here now, or null: the check of who may be dispatched to.
	 * A deactivated site account and a company account without roles here have none.
	 */
	rolesOf(id: string): readonly Role[] | null {
		const own = this.deps.staff.byId(id);
		if (own) return own.active ? own.roles : null;
		// A company account hidden here by a site account of its name does not act here.
		const other = this.deps.outside?.byId(id);
		return other && !this.deps.staff.byUsername(other.username) ? other.roles : null;
	}

	/** Who may be dispatched to now: the site's active technicians, then the company's here. */
	technicians(): Technician[] {
		const site = this.deps.staff
			.list()
			.filter((s) => s.active && s.roles.includes('technician'))
			.map((s) => ({ id: s.id, name: s.displayName, company: false }));
		const company = this.#companyHere()
			.filter((s) => s.roles.includes('technician'))
			.map((s) => ({ id: s.id, name: s.displayName, company: true }));
		return [...site, ...company];
	}

	/**
	 * The company accounts that may act here, for the staff page's read-only section. An
	 * account whose username a site account has is left out: the site's own wins here.
	 */
	companyAccounts(): CompanyAccountHere[] {
		return this.#companyHere().map((s) => ({
			id: s.id,
			username: s.username,
			displayName: s.displayName,
			roles: s.roles.filter((r): r is SiteRole => r !== 'headoffice'),
			headOffice: s.roles.includes('headoffice')
		}));
	}

	/** The company's accounts acting here: not those a site account of their name hides. */
	#companyHere() {
		return (this.deps.outside?.list() ?? []).filter((s) => !this.deps.staff.byUsername(s.username));
	}
}
