import { z } from 'zod';

/**
 * The roles a site gives its own staff, and a company account at a site. A person may hold
 * several. Messages in schemas are i18n keys (see $lib/i18n), translated where they are shown.
 */
export const SITE_ROLES = [
	'admin',
	'cashier',
	'frontdesk',
	'dispatcher',
	'technician',
	'conference',
	'manager'
] as const;
export type SiteRole = (typeof SITE_ROLES)[number];
export const siteRoleSchema = z.enum(SITE_ROLES);

/**
 * Every role: the site roles and `headoffice`, which only the company's head-office accounts
 * hold — their read-only role at every site (permissions.ts). It is never given at a site, so
 * a site admin cannot make anyone head office.
 */
export const ROLES = [...SITE_ROLES, 'headoffice'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const usernameSchema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9._-]{3,32}$/, { error: 'error.usernameFormat' });

/** NIST 800-63B: length over composition rules. */
export const passwordSchema = z
	.string()
	.min(10, { error: 'error.passwordTooShort' })
	.max(200, { error: 'error.passwordTooLong' });

export const displayNameSchema = z
	.string()
	.trim()
	.min(1, { error: 'error.displayNameRequired' })
	.max(40, { error: 'error.displayNameTooLong' });

export const staffSchema = z.object({
	id: z.string(),
	username: z.string(),
	displayName: z.string(),
	roles: z.array(roleSchema).min(1),
	passwordHash: z.string(),
	active: z.boolean(),
	createdAt: z.string(),
	updatedAt: z.string()
});
export type Staff = z.infer<typeof staffSchema>;

/** What the browser may know of a staff member. */
export type StaffView = Omit<Staff, 'passwordHash'>;

export const newStaffSchema = z.object({
	username: usernameSchema,
	displayName: displayNameSchema,
	roles: z
		.array(siteRoleSchema, { error: 'error.rolesRequired' })
		.min(1, { error: 'error.rolesRequired' }),
	password: passwordSchema
});
export type NewStaff = z.infer<typeof newStaffSchema>;

/** An admin's change to someone's account: name, roles, active. */
export const staffChangeSchema = z.object({
	displayName: displayNameSchema,
	roles: z.array(siteRoleSchema).min(1, { error: 'error.rolesRequired' }),
	active: z.boolean()
});

export const loginSchema = z.object({
	username: z
		.string({ error: 'error.usernameRequired' })
		.trim()
		.toLowerCase()
		.min(1, { error: 'error.usernameRequired' })
		.max(64),
	password: z
		.string({ error: 'error.passwordRequired' })
		.min(1, { error: 'error.passwordRequired' })
		.max(200)
});

// Who may do what, and which desk pages someone may open: see permissions.ts.
