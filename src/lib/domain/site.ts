import { z } from 'zod';
import { numeric } from './numbers';
import { DEFAULT_TIME_ZONE } from './time';

/** A unit (房屋): building–entrance–room. Area in hundredths of a m² (integer). */
export const unitSchema = z.object({
	id: z.string(),
	building: z.string(),
	entrance: z.string(),
	room: z.string(),
	areaCentiM2: z.number().int().nonnegative()
});
export type Unit = z.infer<typeof unitSchema>;

export const residentSchema = z.object({
	id: z.string(),
	unitId: z.string(),
	name: z.string(),
	phone: z.string(),
	kind: z.enum(['owner', 'tenant'])
});
export type Resident = z.infer<typeof residentSchema>;

/** Fee standards: per m² per month, fixed per month, or metered (quantity × price). */
export const feeStandardSchema = z.object({
	id: z.string(),
	name: z.string(),
	kind: z.enum(['perArea', 'fixed', 'metered']),
	priceFen: z.number().int().nonnegative(),
	/** The English name public screens show in English (else they show `name`). */
	nameEn: z.string().trim().max(80).optional()
});
export type FeeStandard = z.infer<typeof feeStandardSchema>;

export const counterSchema = z.object({
	id: z.string(),
	number: z.number().int().positive(),
	name: z.string(),
	/** The English name public screens show in English (else they show `name`). */
	nameEn: z.string().trim().max(80).optional()
});
export type Counter = z.infer<typeof counterSchema>;

export const LAYOUTS = ['theatre', 'classroom', 'ushape', 'boardroom', 'banquet'] as const;

export const roomSchema = z.object({
	id: z.string(),
	name: z.string(),
	floor: z.string(),
	capacity: z.number().int().positive(),
	equipment: z.array(z.string()),
	layouts: z.array(z.enum(LAYOUTS)).min(1),
	/** The English name public screens show in English (else they show `name`). */
	nameEn: z.string().trim().max(80).optional()
});
export type Room = z.infer<typeof roomSchema>;

/** Shared places a request can be about: 大堂, 地下车库 … */
export const publicAreaSchema = z.object({
	id: z.string(),
	name: z.string(),
	/** The English name public screens show in English (else they show `name`). */
	nameEn: z.string().trim().max(80).optional()
});
export type PublicArea = z.infer<typeof publicAreaSchema>;

/** Common areas of a Chinese residential estate; the admin can rename or add to them. */
export const DEFAULT_PUBLIC_AREAS: PublicArea[] = [
	{ id: 'lobby', name: '大堂', nameEn: 'Lobby' },
	{ id: 'lift', name: '电梯', nameEn: 'Lifts' },
	{ id: 'stairs', name: '楼道', nameEn: 'Stairwells' },
	{ id: 'garage', name: '地下车库', nameEn: 'Underground garage' },
	{ id: 'garden', name: '绿化带', nameEn: 'Gardens' },
	{ id: 'playground', name: '儿童游乐区', nameEn: 'Playground' },
	{ id: 'bins', name: '垃圾站', nameEn: 'Refuse station' },
	{ id: 'gate', name: '小区大门', nameEn: 'Main gate' },
	{ id: 'road', name: '小区道路', nameEn: 'Estate roads' }
];

export const buildingSchema = z.object({
	id: z.string(),
	name: z.string(),
	entrances: z.number().int().positive(),
	floors: z.number().int().positive()
});
export type Building = z.infer<typeof buildingSchema>;

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
	publicAreas: z.array(publicAreaSchema).default(DEFAULT_PUBLIC_AREAS)
});
export type Site = z.infer<typeof siteSchema>;

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
	publicAreas: DEFAULT_PUBLIC_AREAS
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
