import { z } from 'zod';
import { numeric } from './numbers';
import { DEFAULT_TIME_ZONE } from './time';

/** What a unit is used for; fee standards may apply to some uses only. */
export const UNIT_USES = ['residential', 'commercial', 'parking', 'storage', 'office'] as const;
export type UnitUse = (typeof UNIT_USES)[number];
export const UNIT_STATES = ['occupied', 'vacant', 'renovating'] as const;

/** A unit (房屋): building–entrance–room. Area in hundredths of a m² (integer). */
export const unitSchema = z.object({
	id: z.string(),
	building: z.string(),
	entrance: z.string(),
	room: z.string(),
	areaCentiM2: z.number().int().nonnegative(),
	/** Added with the desk's site records (issue 11); older data folders read the defaults. */
	use: z.enum(UNIT_USES).default('residential'),
	state: z.enum(UNIT_STATES).default('occupied'),
	/** A unit with bills is never deleted; it is deactivated (and billed no more). */
	active: z.boolean().default(true)
});
export type Unit = z.infer<typeof unitSchema>;

export const RESIDENT_KINDS = ['owner', 'tenant', 'family'] as const;

export const residentSchema = z.object({
	id: z.string(),
	unitId: z.string(),
	name: z.string(),
	/** The main phone (the kiosk identifies by any phone's last four digits). */
	phone: z.string(),
	/** Further phones, if any. */
	otherPhones: z.array(z.string()).default([]),
	kind: z.enum(RESIDENT_KINDS),
	/** YYYY-MM-DD; null when not known (records from before issue 11). */
	moveIn: z.string().nullable().default(null),
	/** Set when the resident moves out: the record stays (history), inactive. */
	moveOut: z.string().nullable().default(null),
	active: z.boolean().default(true)
});
export type Resident = z.infer<typeof residentSchema>;

/** An optional English name for what residents and guests read on public screens. */
const nameEn = z.string().trim().max(80).optional();

/**
 * Fee standards: per m² per month, fixed per month, or metered (quantity × price). A price
 * change is a new version (same name, later validFrom); the old one gets a validTo, and bills
 * already issued keep the price they were issued with.
 */
export const feeStandardSchema = z.object({
	id: z.string(),
	name: z.string(),
	nameEn,
	kind: z.enum(['perArea', 'fixed', 'metered']),
	priceFen: z.number().int().nonnegative(),
	/** Building ids it applies to; empty = every building. */
	buildings: z.array(z.string()).default([]),
	/** Unit uses it applies to; empty = every use. */
	uses: z.array(z.enum(UNIT_USES)).default([]),
	/** YYYY-MM-DD, inclusive; null = open-ended. */
	validFrom: z.string().nullable().default(null),
	validTo: z.string().nullable().default(null),
	active: z.boolean().default(true)
});
export type FeeStandard = z.infer<typeof feeStandardSchema>;

export const counterSchema = z.object({
	id: z.string(),
	number: z.number().int().positive(),
	name: z.string(),
	nameEn,
	/** The services this counter calls (queue service ids); empty = every service. */
	services: z.array(z.string()).default([]),
	active: z.boolean().default(true)
});
export type Counter = z.infer<typeof counterSchema>;

export const LAYOUTS = ['theatre', 'classroom', 'ushape', 'boardroom', 'banquet'] as const;

export const roomSchema = z.object({
	id: z.string(),
	name: z.string(),
	nameEn,
	floor: z.string(),
	capacity: z.number().int().positive(),
	equipment: z.array(z.string()),
	layouts: z.array(z.enum(LAYOUTS)).min(1),
	active: z.boolean().default(true)
});
export type Room = z.infer<typeof roomSchema>;

/** Shared places a request can be about: 大堂, 地下车库 … */
export const publicAreaSchema = z.object({
	id: z.string(),
	name: z.string(),
	nameEn,
	active: z.boolean().default(true)
});
export type PublicArea = z.infer<typeof publicAreaSchema>;

/** Common areas of a Chinese residential estate; the admin can rename or add to them. */
export const DEFAULT_PUBLIC_AREAS: PublicArea[] = [
	{ id: 'lobby', name: '大堂', nameEn: 'Lobby', active: true },
	{ id: 'lift', name: '电梯', nameEn: 'Lifts', active: true },
	{ id: 'stairs', name: '楼道', nameEn: 'Stairwells', active: true },
	{ id: 'garage', name: '地下车库', nameEn: 'Underground garage', active: true },
	{ id: 'garden', name: '绿化带', nameEn: 'Gardens', active: true },
	{ id: 'playground', name: '儿童游乐区', nameEn: 'Playground', active: true },
	{ id: 'bins', name: '垃圾站', nameEn: 'Refuse station', active: true },
	{ id: 'gate', name: '小区大门', nameEn: 'Main gate', active: true },
	{ id: 'road', name: '小区道路', nameEn: 'Estate roads', active: true }
];

export const buildingSchema = z.object({
	id: z.string(),
	name: z.string(),
	entrances: z.number().int().positive(),
	floors: z.number().int().positive(),
	active: z.boolean().default(true)
});
export type Building = z.infer<typeof buildingSchema>;

/**
 * A meter reading imported for a period: how much a unit used (kWh, m³ …, in hundredths) of
 * what a metered fee standard charges for. Its natural key is unit + meter + period; the bill
 * run of the period uses it for the standard named `meter` (docs/site-records.md).
 */
export const meterReadingSchema = z.object({
	unitId: z.string(),
	/** The metered fee standard's name (水费, 电费 …). */
	meter: z.string(),
	/** YYYY-MM. */
	period: z.string(),
	quantityCenti: z.number().int().nonnegative()
});
export type MeterReading = z.infer<typeof meterReadingSchema>;

export const siteSchema = z.object({
	name: z.string(),
	/** The site's English name, for public screens in English. */
	nameEn: z.string().trim().max(80).optional(),
	timeZone: z.string(),
	/** False until the first admin has finished the set-up walk-through (SEED=none). */
	ready: z.boolean(),
	buildings: z.array(buildingSchema),
	units: z.array(unitSchema),
	residents: z.array(residentSchema),
	feeStandards: z.array(feeStandardSchema),
	counters: z.array(counterSchema),
	rooms: z.array(roomSchema),
	publicAreas: z.array(publicAreaSchema).default(DEFAULT_PUBLIC_AREAS),
	/** Imported meter readings, for the bill runs of their periods. */
	meterReadings: z.array(meterReadingSchema).default([])
});
export type Site = z.infer<typeof siteSchema>;
/** A site as written by hand (the demo seed): the fields with defaults may be left out. */
export type SiteInput = z.input<typeof siteSchema>;

export const emptySite = (): Site => ({
	name: '',
	timeZone: DEFAULT_TIME_ZONE,
	ready: false,
	buildings: [],
	units: [],
	residents: [],
	feeStandards: [],
	counters: [],
	rooms: [],
	publicAreas: DEFAULT_PUBLIC_AREAS,
	meterReadings: []
});

/** The set-up walk-through's form: site name, buildings, counters and rooms, one per line. */
export const siteSetupSchema = z.object({
	name: z.string().trim().min(2, { error: 'error.siteNameRequired' }).max(60),
	buildings: numeric('error.buildingCount').pipe(
		z
			.number()
			.int({ error: 'error.buildingCount' })
			.min(1, { error: 'error.buildingCount' })
			.max(50, { error: 'error.buildingCount' })
	),
	counters: numeric('error.counterCount').pipe(
		z
			.number()
			.int({ error: 'error.counterCount' })
			.min(1, { error: 'error.counterCount' })
			.max(30, { error: 'error.counterCount' })
	),
	rooms: z
		.string()
		.max(2000)
		.transform((s) =>
			s
				.split('\n')
				.map((l) => l.trim())
				.filter(Boolean)
		)
});
