import { randomBytes } from 'node:crypto';
import { DEFAULT_PUBLIC_AREAS, type Site, type SiteInput, siteSchema } from '$lib/domain/site';
import type { NewStaff, SiteRole } from '$lib/domain/staff';
import { DEFAULT_TIME_ZONE, dayKey } from '$lib/domain/time';
import { hashPassword } from './staff/password';
import type { Foyer } from './foyer';
import type { StaffService } from './staff/staff';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘';
const GIVEN = [
	'伟',
	'芳',
	'娜',
	'秀英',
	'敏',
	'静',
	'丽',
	'强',
	'磊',
	'军',
	'洋',
	'勇',
	'艳',
	'杰',
	'娟',
	'涛',
	'明',
	'超',
	'秀兰',
	'霞',
	'平',
	'刚',
	'桂英',
	'建华',
	'玉兰'
];

/** A small deterministic generator, so every demo site looks the same. */
function prng(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

/** The demo service center: 5 buildings × 2 entrances × 10 floors × 2 = 200 units. */
export function demoSite(): Site {
	const rand = prng(20261126);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
	const areas = [6850, 8950, 10820, 12875, 14300];
	const site: SiteInput = {
		name: '翠湖花园物业服务中心',
		nameEn: 'Emerald Lake Gardens Service Center',
		timeZone: DEFAULT_TIME_ZONE,
		ready: true,
		buildings: [],
		units: [],
		residents: [],
		feeStandards: [
			{
				id: 'property',
				name: '物业服务费',
				nameEn: 'Property management fee',
				kind: 'perArea',
				priceFen: 250
			},
			{ id: 'elevator', name: '电梯运行费', nameEn: 'Lift fee', kind: 'fixed', priceFen: 3000 },
			// No English name on purpose: the English kiosk shows the Chinese one.
			{ id: 'water', name: '公区水费', kind: 'metered', priceFen: 410 }
		],
		publicAreas: DEFAULT_PUBLIC_AREAS,
		counters: [1, 2, 3, 4].map((n) => ({
			id: `counter-${n}`,
			number: n,
			name: `${n}号窗口`,
			nameEn: `Counter ${n}`
		})),
		rooms: [
			{
				id: 'room-1',
				name: '一号会议室',
				nameEn: 'Meeting Room 1',
				floor: '3',
				capacity: 20,
				equipment: ['projector', 'mic', 'video'],
				layouts: ['boardroom', 'ushape', 'classroom']
			},
			{
				id: 'room-2',
				name: '多功能厅',
				nameEn: 'Function Hall',
				floor: '1',
				capacity: 80,
				equipment: ['projector', 'mic', 'sound', 'led'],
				layouts: ['theatre', 'classroom', 'banquet']
			},
			{
				id: 'room-3',
				name: '洽谈室',
				floor: '2',
				capacity: 6,
				equipment: ['tv'],
				layouts: ['boardroom']
			}
		]
	};
	for (let b = 1; b <= 5; b++) {
		site.buildings.push({ id: String(b), name: `${b}栋`, entrances: 2, floors: 10 });
		for (let e = 1; e <= 2; e++) {
			for (let f = 1; f <= 10; f++) {
				for (let r = 1; r <= 2; r++) {
					const room = `${f}${String(r).padStart(2, '0')}`;
					const unitId = `${b}-${e}-${room}`;
					site.units.push({
						id: unitId,
						building: String(b),
						entrance: String(e),
						room,
						areaCentiM2: pick(areas)
					});
					const phone = `1${pick(['38', '39', '58', '86', '37'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
					site.residents.push({
						id: `res-${unitId}`,
						unitId,
						name: pick([...SURNAMES]) + pick(GIVEN),
						phone,
						kind: 'owner'
					});
					if (rand() < 0.15) {
						const tenantPhone = `1${pick(['36', '59', '88'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
						site.residents.push({
							id: `ten-${unitId}`,
							unitId,
							name: pick([...SURNAMES]) + pick(GIVEN),
							phone: tenantPhone,
							kind: 'tenant'
						});
					}
				}
			}
		}
	}
	// Parsed, so the fields with defaults (use, state, active …) are filled in.
	return siteSchema.parse(site);
}

export const DEMO_STAFF: { username: string; displayName: string; roles: SiteRole[] }[] = [
	{ username: 'cashier', displayName: '收银 李静', roles: ['cashier'] },
	{ username: 'frontdesk', displayName: '前台 王芳', roles: ['frontdesk'] },
	{ username: 'dispatcher', displayName: '调度 张强', roles: ['dispatcher'] },
	{ username: 'tech1', displayName: '维修 刘师傅', roles: ['technician'] },
	{ username: 'tech2', displayName: '维修 陈师傅', roles: ['technician'] },
	{ username: 'conference', displayName: '会务 杨丽', roles: ['conference'] },
	{ username: 'manager', displayName: '项目经理 赵明', roles: ['manager'] }
];

/** A password people can read out and type: 4 groups of 4 letters and digits. */
export function readablePassword(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
	const bytes = randomBytes(16);
	const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
	return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Seeds the demo site and staff on an empty data folder. Returns the passwords to print once. */
export async function seedDemo(
	app: Foyer,
	adminPassword: string | undefined
): Promise<{ admin: string; staff: string }> {
	const passwords = { admin: adminPassword ?? readablePassword(), staff: readablePassword() };
	// The accounts' hashes take most of a first start: the site and its bills are written
	// meanwhile (they need no staff).
	await Promise.all([
		seedStaff(app.staff, passwords),
		app.site.replace(null, demoSite()).then(() => seedBills(app))
	]);
	return passwords;
}

/**
 * The admin and the demo accounts (DEMO_STAFF), the demo accounts sharing one password. Each
 * account's password is hashed on its own, with its own salt, so no two stored hashes are
 * alike; the hashes run in parallel as far as the scheduler allows (two at a time).
 */
export async function seedStaff(
	staff: StaffService,
	passwords: { admin: string; staff: string }
): Promise<void> {
	const accounts: NewStaff[] = [
		{ username: 'admin', displayName: '系统管理员', roles: ['admin'], password: passwords.admin },
		...DEMO_STAFF.map((s) => ({ ...s, password: passwords.staff }))
	];
	const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));
	for (const [i, account] of accounts.entries()) await staff.create(null, account, hashes[i]);
}

/** The demo's bills: this month and the two before, with a water reading for every unit. */
async function seedBills(app: Foyer): Promise<void> {
	const rand = prng(4242);
	const [y, m] = dayKey(app.clock.now(), app.site.site.timeZone).split('-').map(Number) as [
		number,
		number
	];
	for (let back = 2; back >= 0; back--) {
		const at = new Date(Date.UTC(y, m - 1 - back, 1));
		const period = `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
		// 3.00–14.99 m³ of shared water per unit and month.
		const readings = Object.fromEntries(
			app.site.site.units.map((u) => [u.id, 300 + Math.floor(rand() * 1200)])
		);
		await app.fees.runs.run(null, { period, readings });
	}
}
