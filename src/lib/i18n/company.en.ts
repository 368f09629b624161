import type { zh_company } from './company.zh-CN';

/** English for the company's pages and errors (same keys). */
export const en_company: Record<keyof typeof zh_company, string> = {
	'desk.nav.company': 'Company',
	'role.headoffice': 'Head office (read-only)',
	'desk.company.title': 'Company: every service center',
	'desk.company.subtitle':
		"One row per service center, and the company's total last (counted from the centers' counts, not an average of their rates). A center's name opens its own report.",
	'desk.company.period': 'Period: {period}',
	'desk.company.generatedAt': 'Computed {at}',
	'desk.company.site': 'Service center',
	'desk.company.satisfaction': 'Satisfaction (target {target})',
	'desk.company.collection': 'Collection rate',
	'desk.company.onTime': 'Work orders on time',
	'desk.company.wait': 'Median queue wait',
	'desk.company.served': 'Tickets served',
	'desk.company.total': 'Company total',
	'desk.company.of': '{part} of {whole}',
	'desk.company.targetMet': 'met',
	'desk.company.targetMissed': 'missed',
	'desk.company.noSites': 'This deployment serves no service center yet.',
	'desk.company.json': 'JSON',
	'error.companySiteId': 'A site id holds only letters, digits, ".", "_" and "-"',
	'error.companyUsernameAtSite':
		'Site {site} has a staff account named {username}: a company account cannot take that name',
	'error.companyAccountNotFound': 'There is no company account named {username}',
	'error.companyNotServed': 'This server runs no company (multi-site) deployment',
	'desk.staff.company.title': 'Company accounts',
	'desk.staff.company.note':
		'These company accounts have roles at this service center. Operations manage them on the server with npm run accounts; they cannot be changed or removed here.',
	'desk.staff.company.rolesHere': 'Roles here',
	'desk.staff.company.noRoles': 'None (head office reads only)',
	'desk.staff.company.headOffice': 'Head office',
	'desk.staff.company.yes': 'Yes',
	'desk.staff.company.no': 'No',
	'desk.staff.company.removed': '(account removed)',
	'desk.staff.company.tag': '{name} (company account)',
	'error.companyAccountReadOnly':
		'This is a company account: operations manage it with npm run accounts, not on the staff page'
};
