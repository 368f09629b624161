import { COMPANY_ID_PREFIX, rolesAt, type CompanyAccount } from '$lib/domain/company';
import type { Acting } from '$lib/domain/permissions';
import type { CompanyFigures } from '$lib/domain/reports/company';
import type { Staff } from '$lib/domain/staff';
import type { Clock } from '$lib/domain/time';
import type { AuditService } from '../audit/audit';
import type { DomainEventBus } from '../events';
import { attemptLimit, reserveAttempt, type AttemptLimiter } from '../http/attempt-limiter';
import type { OutsideAccounts } from '../staff/outside';
import type { FoyerStore } from '../store/contract';
import { CompanyAccounts } from './accounts';
import { companyFigures } from './figures';
import type { CompanySite, SiteFoyer } from './sites';

export type { CompanySite, SiteFoyer } from './sites';

/**
 * The reserved site of the company's own rows on PostgreSQL (its accounts, their audit log):
 * the store to open the Company on. Not a site name `npm run migrate` accepts.
 */
export const COMPANY_SITE = '_company';

export interface CompanyDeps {
	clock: Clock;
	/** Where the accounts' changes are recorded: the company store's own audit log. */
	audit?: AuditService | undefined;
	/** Unused today: the company's own events (its changes reach the sites through their buses). */
	events?: DomainEventBus | undefined;
}

/**
 * The company one deployment serves (docs/company.md): one per process, the same for every
 * site's Foyer in it. It keeps the company accounts (roles per site, head office) in a store of
 * its own, and the registry of the sites served, through which head office reads every site.
 */
export class Company {
	readonly #limit: AttemptLimiter;

	private constructor(
		private readonly store: FoyerStore,
		readonly accounts: CompanyAccounts,
		private readonly deps: CompanyDeps,
		/** The sites served, by id, in the order they were added. */
		private readonly served: Map<string, CompanySite>
	) {
		// The site's own log-in limit (5 in 15 min), counted for the company account across sites.
		this.#limit = attemptLimit(deps.clock, store.attempts, 'login.company', 5, 15 * 60_000);
	}

	static async open(store: FoyerStore, deps: CompanyDeps): Promise<Company> {
		const served = new Map<string, CompanySite>();
		const accounts = await CompanyAccounts.open(store, {
			clock: deps.clock,
			audit: deps.audit,
			siteWithUsername: (username) =>
				[...served.values()].find((s) => s.foyer.staff.byUsername(username))?.id ?? null,
			// An account changed: every site ends the sessions it may no longer hold.
			changed: (id) => {
				for (const s of served.values()) s.foyer.events.emit('staff:changed', { staffId: id });
			}
		});
		return new Company(store, accounts, deps, served);
	}

	/** Adds a site once its Foyer is built (the deployment calls it for every site it serves). */
	addSite(site: CompanySite): void {
		if (this.served.has(site.id)) throw new Error(`Site ${site.id} is added twice.`);
		this.served.set(site.id, site);
	}

	/** The sites served, in the order they were added. */
	sites(): CompanySite[] {
		return [...this.served.values()];
	}

	/** The id of the site whose Foyer this is; undefined for one the company does not serve. */
	siteIdOf(foyer: SiteFoyer): string | undefined {
		return this.sites().find((s) => s.foyer === foyer)?.id;
	}

	/**
	 * The company accounts as the site `siteId` sees them: those with roles there or head
	 * office, each as a staff member with its roles there (for that site's AuthService).
	 */
	accountsAt(siteId: string): OutsideAccounts {
		const asStaff = (a: CompanyAccount | undefined): Staff | undefined => {
			const roles = a && rolesAt(a, siteId);
			if (!a || !roles) return undefined;
			const { id, username, displayName, passwordHash, createdAt, updatedAt } = a;
			return { id, username, displayName, passwordHash, createdAt, updatedAt, roles, active: true };
		};
		return {
			byUsername: async (username) => {
				if (!this.accounts.byUsername(username)) await this.accounts.refresh();
				return asStaff(this.accounts.byUsername(username));
			},
			byId: (id) =>
				id.startsWith(COMPANY_ID_PREFIX) ? asStaff(this.accounts.byId(id)) : undefined,
			list: () =>
				this.accounts
					.all()
					.map(asStaff)
					.filter((s) => s !== undefined),
			// Ids reach a site's records only by the account acting there: naming one is no leak.
			nameOf: (key) =>
				('id' in key ? this.accounts.byId(key.id) : this.accounts.byUsername(key.username))
					?.displayName,
			taken: (username) => this.accounts.byUsername(username) !== undefined,
			reserve: async (username) =>
				this.accounts.byUsername(username)
					? reserveAttempt(
							[{ limiter: this.#limit, key: username, clearOnPass: true }],
							'error.tooManyAttempts',
							'login'
						)
					: null
		};
	}

	/**
	 * Every site's figures and the company's for a period (`2026-11`, `2026-Q4`, `from..to`):
	 * head office only (`company.view`). `here` is the site the request came to (its report links
	 * stay relative); `requestUrl` lets links to the others follow the site-per-host naming.
	 */
	figures(
		acting: Acting,
		period: unknown,
		where: { here: string | undefined; requestUrl?: URL | undefined }
	): Promise<CompanyFigures> {
		return companyFigures({
			acting,
			period,
			sites: this.sites(),
			clock: this.deps.clock,
			...where
		});
	}

	/**
	 * On a new deployment (no company account yet), makes the head-office account `head` and
	 * returns the lines to print once in the start-up banner; none otherwise. Several processes
	 * starting together make it once (under the company store's lock).
	 */
	seedIfEmpty(password?: string): Promise<string[]> {
		return this.store.lock('company-seed').run(() => this.accounts.seedIfEmpty(password));
	}
}
