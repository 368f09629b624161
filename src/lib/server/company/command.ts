import { randomBytes } from 'node:crypto';
import { ZodError } from 'zod';
import type { SiteRoles } from '$lib/domain/company';
import { isFoyerError } from '$lib/domain/errors';
import type { SiteRole } from '$lib/domain/staff';
import { DEFAULT_TIME_ZONE, systemClock } from '$lib/domain/time';
import { isErrorKey, translate } from '$lib/i18n';
import { AuditService } from '../audit/audit';
import type { FoyerStore } from '../store/contract';
import { PgStore } from '../store/pg/pg-store';
import { CompanyAccounts } from './accounts';
import { COMPANY_SITE } from './company';

const USAGE = [
	'npm run accounts -- list',
	'npm run accounts -- add USERNAME --name NAME [--site SITE=ROLE,ROLE …] [--head-office]',
	'npm run accounts -- set-roles USERNAME [--site SITE=ROLE,ROLE …] [--head-office | --no-head-office]',
	'npm run accounts -- password USERNAME',
	'npm run accounts -- remove USERNAME'
].join('\n  ');

class UsageError extends Error {}

/** What `npm run accounts` was asked: the verb, its username, and its options. */
interface Parsed {
	verb: 'list' | 'add' | 'set-roles' | 'password' | 'remove';
	username: string;
	name: string | undefined;
	sites: SiteRoles;
	headOffice: boolean | undefined;
}

/** Reads the command line; throws UsageError on anything it does not understand. */
export function parseAccountsArgs(argv: string[]): Parsed {
	const [verb, ...rest] = argv;
	if (!['list', 'add', 'set-roles', 'password', 'remove'].includes(verb ?? '')) {
		throw new UsageError(`Usage:\n  ${USAGE}`);
	}
	const parsed: Parsed = {
		verb: verb as Parsed['verb'],
		username: '',
		name: undefined,
		sites: {},
		headOffice: undefined
	};
	for (let i = 0; i < rest.length; i++) {
		const arg = rest[i]!;
		if (arg === '--head-office') parsed.headOffice = true;
		else if (arg === '--no-head-office') parsed.headOffice = false;
		else if (arg === '--name' || arg === '--site') {
			const value = rest[++i];
			if (value === undefined) throw new UsageError(`${arg} needs a value`);
			if (arg === '--name') parsed.name = value;
			else {
				// `north=cashier,manager`; `north=` takes every role at north away.
				const [site, roles = ''] = value.split('=', 2);
				if (!site || !value.includes('='))
					throw new UsageError(`--site ${value}: use SITE=ROLE,ROLE`);
				const list = roles.split(',').filter(Boolean) as SiteRole[];
				if (list.length) parsed.sites[site] = list;
			}
		} else if (!arg.startsWith('--') && !parsed.username) parsed.username = arg;
		else throw new UsageError(`unexpected argument "${arg}". Usage:\n  ${USAGE}`);
	}
	if (parsed.verb !== 'list' && !parsed.username) throw new UsageError(`${verb} needs USERNAME`);
	if (parsed.verb === 'add' && !parsed.name) throw new UsageError('add needs --name NAME');
	return parsed;
}

/** A password people can read out and type once, as the first start prints them. */
function newPassword(): string {
	return randomBytes(9).toString('base64url');
}

/** One plain line for what a service refused: its translated message (English and Chinese). */
function refusal(e: unknown): string | null {
	if (isFoyerError(e)) {
		return `${translate('en', e.key, e.values)} (${translate('zh-CN', e.key, e.values)})`;
	}
	if (e instanceof ZodError) {
		const issue = e.issues[0];
		const key = issue && isErrorKey(issue.message) ? issue.message : 'error.invalid';
		return `${issue?.path.join('.') || 'input'}: ${translate('en', key)}`;
	}
	return null;
}

/** Prints the accounts, one a line: username, name, head office, roles per site. */
function listLines(accounts: Pick<CompanyAccounts, 'list'>): string[] {
	const all = accounts.list();
	if (all.length === 0) return ['No company accounts.'];
	return all.map((a) => {
		const sites = Object.entries(a.sites).map(([site, roles]) => `${site}=${roles?.join(',')}`);
		const head = a.headOffice ? ' head-office' : '';
		return `${a.username}\t${a.displayName}${head}\t${sites.join(' ') || '(no site roles)'}`;
	});
}

/** Where the command reads and writes: the company's store and the served sites' staff names. */
export interface AccountsTarget {
	store: FoyerStore;
	/** Which served site has a staff account named `username`, if any (null: none). */
	siteWithUsername: (username: string) => Promise<string | null>;
	close(): Promise<void>;
}

/**
 * Opens the company's rows in DATABASE_URL (the reserved site `_company`) and, for the username
 * check, the staff of every site in SITES (the same variable the server reads).
 */
export async function openTarget(env: NodeJS.ProcessEnv): Promise<AccountsTarget> {
	const url = env.DATABASE_URL;
	if (!url) throw new UsageError('DATABASE_URL is not set: company accounts live in PostgreSQL.');
	const open = (site: string) =>
		PgStore.open({
			url,
			site,
			clock: systemClock,
			timeZone: () => DEFAULT_TIME_ZONE,
			connections: 2
		});
	const store = await open(COMPANY_SITE);
	const sites = (env.SITES ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	return {
		store,
		async siteWithUsername(username) {
			for (const site of sites) {
				const s = await open(site);
				try {
					const doc = await s.doc<{ staff: { username: string }[] }>('staff', {
						defaults: { staff: [] },
						parse: (d) => d as { staff: { username: string }[] }
					});
					if (doc.data.staff.some((x) => x.username === username)) return site;
				} finally {
					await s.close();
				}
			}
			return null;
		},
		close: () => store.close()
	};
}

/**
 * `npm run accounts -- …` (docs/company.md): lists, adds, changes and removes company accounts.
 * A new password is made here and printed once. Resolves with the exit code (0 done, 1 refused).
 */
export async function runAccounts(
	argv: string[],
	out: { log: (line: string) => void; error: (line: string) => void },
	target: (env: NodeJS.ProcessEnv) => Promise<AccountsTarget> = openTarget,
	env: NodeJS.ProcessEnv = process.env
): Promise<number> {
	let opened: AccountsTarget | undefined;
	try {
		const c = parseAccountsArgs(argv);
		opened = await target(env);
		const clash = c.verb === 'add' ? await opened.siteWithUsername(c.username.toLowerCase()) : null;
		const accounts = await CompanyAccounts.open(opened.store, {
			clock: systemClock,
			audit: await AuditService.open(opened.store),
			siteWithUsername: () => clash,
			// Sessions at the sites check the account on every request: nothing to tell them here.
			changed: () => {}
		});
		if (c.verb === 'list') {
			for (const line of listLines(accounts)) out.log(line);
		} else if (c.verb === 'add') {
			const password = newPassword();
			await accounts.add({
				username: c.username,
				displayName: c.name!,
				password,
				sites: c.sites,
				headOffice: c.headOffice ?? false
			});
			out.log(`Added ${c.username.toLowerCase()}. Password (shown only now): ${password}`);
		} else if (c.verb === 'set-roles') {
			const now = accounts.byUsername(c.username);
			const a = await accounts.setRoles(c.username, {
				sites: c.sites,
				headOffice: c.headOffice ?? now?.headOffice ?? false
			});
			for (const line of listLines({ list: () => [a] })) out.log(line);
		} else if (c.verb === 'password') {
			const password = newPassword();
			await accounts.setPassword(c.username, password);
			out.log(`New password for ${c.username} (shown only now): ${password}`);
		} else {
			await accounts.remove(c.username);
			out.log(`Removed ${c.username}: its sessions at every site have ended.`);
		}
		return 0;
	} catch (e) {
		const line = e instanceof UsageError ? e.message : refusal(e);
		if (line === null) throw e;
		out.error(line);
		return 1;
	} finally {
		await opened?.close();
	}
}
