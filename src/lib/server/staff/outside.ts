import type { Staff } from '$lib/domain/staff';
import type { Attempt } from '../http/attempt-limiter';

/**
 * Accounts kept outside a site that may sign in at its desk: the company's (src/lib/server/
 * company, docs/company.md). The site sees such an account as a staff member with the roles
 * it has here; an account that may not act here is, to the site, no account at all.
 */
export interface OutsideAccounts {
	/**
	 * The account named `username` as it acts here (its roles at this site), or undefined when
	 * there is none or it may not sign in here. Looks in the store again on a miss: the account
	 * may have been made a moment ago by another process.
	 */
	byUsername(username: string): Promise<Staff | undefined>;
	/** The account with this id as it acts here now, or undefined (also once it may not). */
	byId(id: string): Staff | undefined;
	/**
	 * Every account that may act here now, each with its roles here (`headoffice` for head
	 * office): the site's lists (the technicians to dispatch to, the staff page). An account
	 * with roles at other sites only is not among them.
	 */
	list(): Staff[];
	/**
	 * The display name of the account with this id or username, whatever its roles here now:
	 * a site's records (a work order's technician, the activity log) keep naming someone who
	 * worked here after their roles here were taken away. Undefined for no such account.
	 */
	nameOf(key: { id: string } | { username: string }): string | undefined;
	/**
	 * Whether `username` is an outside account's, whatever its roles here: a site account may
	 * not take it (a site's own account would otherwise hide it at this site).
	 */
	taken(username: string): boolean;
	/**
	 * Counts a log-in attempt against the account's own limit, one for every site together (an
	 * attempt at one site's desk counts at all of them); null when `username` is no outside
	 * account. Refused with a 429 FoyerError like the site's own limits.
	 */
	reserve(username: string): Promise<Attempt | null>;
}
