import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
	COMPANY_ID_PREFIX,
	companyAccountSchema,
	newCompanyAccountSchema,
	siteRolesSchema,
	type CompanyAccount,
	type CompanyAccountView,
	type NewCompanyAccount
} from '$lib/domain/company';
import { FoyerError } from '$lib/domain/errors';
import { passwordSchema, usernameSchema } from '$lib/domain/staff';
import type { Clock } from '$lib/domain/time';
import type { AuditService } from '../audit/audit';
import type { Doc, FoyerStore } from '../store/contract';
import { hashPassword } from '../staff/password';

const accountsFileSchema = z.object({ accounts: z.array(companyAccountSchema) });
type AccountsFile = z.infer<typeof accountsFileSchema>;

/** The head-office account made on a new deployment's first start. */
export const FIRST_HEAD_OFFICE = 'head';

/** What may be shown of an account: everything but its password hash. */
export function accountView(a: CompanyAccount): CompanyAccountView {
	const { passwordHash: _hash, ...rest } = a;
	return rest;
}

export interface AccountsDeps {
	clock: Clock;
	audit?: AuditService | undefined;
	/**
	 * Which served site, if any, has a staff account of its own named `username`: a company
	 * account may not take that name (the site's own would hide it there). Null: none.
	 */
	siteWithUsername: (username: string) => string | null;
	/** Told after an account changed, so sites end the sessions it may no longer hold. */
	changed: (accountId: string) => void;
}

/**
 * The company's accounts (docs/company.md), in the document `accounts` of the company's own
 * store (the reserved site `_company` on PostgreSQL). Managed by `npm run accounts`, which has
 * no desk session: the operator who runs it on the server is trusted, as with `npm run migrate`.
 */
export class CompanyAccounts {
	private constructor(
		private readonly doc: Doc<AccountsFile>,
		private readonly deps: AccountsDeps
	) {}

	static async open(store: FoyerStore, deps: AccountsDeps): Promise<CompanyAccounts> {
		const doc = await store.doc('accounts', {
			defaults: { accounts: [] },
			parse: (d) => accountsFileSchema.parse(d)
		});
		return new CompanyAccounts(doc, deps);
	}

	list(): CompanyAccountView[] {
		return this.doc.data.accounts.map(accountView);
	}

	/** Every account as stored, password hashes included: for the sites' own views of them. */
	all(): readonly CompanyAccount[] {
		return this.doc.data.accounts;
	}

	byUsername(username: string): CompanyAccount | undefined {
		const name = username.trim().toLowerCase();
		return this.doc.data.accounts.find((a) => a.username === name);
	}

	byId(id: string): CompanyAccount | undefined {
		return this.doc.data.accounts.find((a) => a.id === id);
	}

	/** Reads the accounts again (another process may have changed them). */
	refresh(): Promise<void> {
		return this.doc.refresh();
	}

	/**
	 * Adds an account. Refused (409) when the username is a company account's already, or a
	 * staff account's at a site this deployment serves (`error.companyUsernameAtSite`).
	 */
	async add(input: NewCompanyAccount): Promise<CompanyAccountView> {
		const valid = newCompanyAccountSchema.parse(input);
		await this.doc.refresh();
		if (this.byUsername(valid.username)) {
			throw new FoyerError('error.usernameTaken', { username: valid.username }, 409);
		}
		const site = this.deps.siteWithUsername(valid.username);
		if (site !== null) {
			throw new FoyerError(
				'error.companyUsernameAtSite',
				{ username: valid.username, site },
				409,
				'username'
			);
		}
		const now = this.deps.clock.now().toISOString();
		const account: CompanyAccount = {
			id: `${COMPANY_ID_PREFIX}${randomUUID()}`,
			username: valid.username,
			displayName: valid.displayName,
			passwordHash: await hashPassword(valid.password),
			sites: valid.sites,
			headOffice: valid.headOffice,
			createdAt: now,
			updatedAt: now
		};
		await this.doc.update((d) => void d.accounts.push(account));
		await this.deps.audit?.record(null, 'company.accountAdded', account.id, {
			username: account.username,
			sites: account.sites,
			headOffice: account.headOffice
		});
		return accountView(account);
	}

	/** Sets an account's roles per site and whether it is head office (replacing both). */
	async setRoles(
		username: string,
		input: { sites: unknown; headOffice: boolean }
	): Promise<CompanyAccountView> {
		const sites = siteRolesSchema.parse(input.sites);
		const id = this.#get(username).id;
		await this.#change(id, (a) => {
			a.sites = sites;
			a.headOffice = input.headOffice;
		});
		await this.deps.audit?.record(null, 'company.accountRoles', id, {
			sites,
			headOffice: input.headOffice
		});
		return accountView(this.byId(id)!);
	}

	async setPassword(username: string, password: string): Promise<void> {
		const valid = passwordSchema.parse(password);
		const id = this.#get(username).id;
		const hash = await hashPassword(valid);
		await this.#change(id, (a) => void (a.passwordHash = hash));
		await this.deps.audit?.record(null, 'company.accountPassword', id);
	}

	/** Removes an account: its sessions at every site end. */
	async remove(username: string): Promise<void> {
		const id = this.#get(username).id;
		await this.doc.update((d) => void (d.accounts = d.accounts.filter((a) => a.id !== id)));
		await this.deps.audit?.record(null, 'company.accountRemoved', id, { username });
		this.deps.changed(id);
	}

	/**
	 * On a new deployment, makes the first head-office account (`head`) with a password of its
	 * own and returns the lines to print once (the start-up banner); none when accounts exist.
	 */
	async seedIfEmpty(password?: string): Promise<string[]> {
		await this.doc.refresh();
		if (this.doc.data.accounts.length > 0) return [];
		const pw = password || randomBytes(9).toString('base64url');
		await this.add({
			username: FIRST_HEAD_OFFICE,
			displayName: '总部',
			password: pw,
			headOffice: true
		});
		return [
			`Company head office login (every site's desk, /desk/company): ${FIRST_HEAD_OFFICE} / ${password ? '(given)' : pw}`,
			'This password is shown only now. Manage company accounts with `npm run accounts`.'
		];
	}

	#get(username: string): CompanyAccount {
		const name = usernameSchema.safeParse(username);
		const account = name.success ? this.byUsername(name.data) : undefined;
		if (!account) throw new FoyerError('error.companyAccountNotFound', { username }, 404);
		return account;
	}

	async #change(id: string, edit: (a: CompanyAccount) => void): Promise<void> {
		// Found again inside the change: on PostgreSQL it may run on a newer copy (PgDoc).
		await this.doc.update((d) => {
			const a = d.accounts.find((x) => x.id === id);
			if (!a) return;
			edit(a);
			a.updatedAt = this.deps.clock.now().toISOString();
		});
		this.deps.changed(id);
	}
}
