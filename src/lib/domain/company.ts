import { z } from 'zod';
import {
	displayNameSchema,
	passwordSchema,
	siteRoleSchema,
	usernameSchema,
	type Role,
	type SiteRole
} from './staff';

/**
 * Company accounts (docs/company.md): one deployment serves many sites of one company, and
 * some people work at several of them, or at head office. A company account has roles per site
 * and may be head office; at a site it acts with its roles there (plus `headoffice`).
 */

/** A site's id as the deployment names it (`SITES=north,south`): the rows' site. */
export const siteIdSchema = z
	.string()
	.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, { error: 'error.companySiteId' });

/** Roles per site: `{ north: ['cashier'], south: ['manager'] }`; a site with none is left out. */
export const siteRolesSchema = z.record(siteIdSchema, z.array(siteRoleSchema).min(1));
export type SiteRoles = Record<string, SiteRole[]>;

export const companyAccountSchema = z.object({
	id: z.string(),
	username: z.string(),
	displayName: z.string(),
	passwordHash: z.string(),
	sites: siteRolesSchema,
	headOffice: z.boolean(),
	createdAt: z.string(),
	updatedAt: z.string()
});
export type CompanyAccount = z.infer<typeof companyAccountSchema>;

/** What may be shown of an account (the accounts command's list): everything but the hash. */
export type CompanyAccountView = Omit<CompanyAccount, 'passwordHash'>;

export const newCompanyAccountSchema = z.object({
	username: usernameSchema,
	displayName: displayNameSchema,
	password: passwordSchema,
	sites: siteRolesSchema.default({}),
	headOffice: z.boolean().default(false)
});
export type NewCompanyAccount = z.input<typeof newCompanyAccountSchema>;

/**
 * Ids of company accounts are kept apart from site staff ids (random UUIDs) by a prefix, so a
 * session, an audit entry or a work order's technician names which kind of account it is.
 */
export const COMPANY_ID_PREFIX = 'company:';

/**
 * The roles an account acts with at `siteId`: its roles there, and `headoffice` for a
 * head-office account (the read-only role, also where it has no roles). Null when the account
 * may not sign in there at all — to the site that is the same as an account that does not exist.
 */
export function rolesAt(
	account: Pick<CompanyAccount, 'sites' | 'headOffice'>,
	siteId: string
): Role[] | null {
	const own: Role[] = [...new Set(account.sites[siteId] ?? [])];
	if (account.headOffice) own.push('headoffice');
	return own.length > 0 ? own : null;
}
