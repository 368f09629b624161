import { z } from 'zod';
import { msg } from './errors';
import { QUEUE_SERVICES, type QueueServiceKey } from './queue';
import { LAYOUTS } from './site';

/**
 * What the desk's forms send for buildings, counters, meeting rooms and common areas: text as
 * typed, checked into the stored shape with a specific error key per field (shown next to it).
 */

const text = (max: number, key: Parameters<typeof msg>[0]) =>
	z.string().trim().min(1, msg(key)).max(max, msg('error.tooLong'));

/** Optional English name for public screens; '' = none. */
const nameEn = z
	.string()
	.trim()
	.max(80, msg('error.tooLong'))
	.transform((s) => s || undefined);

/** A whole number from 1 to `max`, typed in a text field. */
const count = (max: number, key: Parameters<typeof msg>[0]) =>
	z
		.string()
		.trim()
		.transform((s, ctx) => {
			const n = /^\d+$/.test(s) ? Number(s) : NaN;
			if (!Number.isInteger(n) || n < 1 || n > max) {
				ctx.addIssue({ code: 'custom', message: key });
				return 0;
			}
			return n;
		});

/** A list typed with commas or 、, or sent as several form values. */
const list = z
	.union([z.string(), z.array(z.string())])
	.transform((v) =>
		(Array.isArray(v) ? v : v.split(/[,，、;；]/)).map((s) => s.trim()).filter(Boolean)
	);

/**
 * A building: its code is what unit numbers start with (1 in 1-1-101), so it is given once and
 * never changed; the name, entrances and floors may be edited without touching any unit.
 */
export const buildingInputSchema = z.object({
	/** The building's id (not `id`: the forms' hidden `id` says which record is edited). */
	code: z
		.string()
		.trim()
		.min(1, msg('error.buildingRequired'))
		.max(20, msg('error.tooLong'))
		// A dash would make 1-1-101 ambiguous.
		.regex(/^[^-\s]+$/, msg('error.buildingCode')),
	name: text(40, 'error.nameRequired'),
	entrances: count(50, 'error.entranceCount'),
	floors: count(200, 'error.floorCount')
});
export type BuildingInput = z.output<typeof buildingInputSchema>;

const queueKeys = QUEUE_SERVICES.map((s) => s.key) as [QueueServiceKey, ...QueueServiceKey[]];

/** A counter (窗口): its number is what the boards and the voice call, unique among counters. */
export const counterInputSchema = z.object({
	number: count(99, 'error.counterNumber'),
	name: text(40, 'error.nameRequired'),
	nameEn,
	/** None = every service. */
	services: list
		.refine((a) => a.every((k) => (queueKeys as string[]).includes(k)), msg('error.queueService'))
		.transform((a) => a as QueueServiceKey[])
});
export type CounterInput = z.output<typeof counterInputSchema>;

/** A meeting room: equipment is free text (known ids are translated), at least one layout. */
export const roomInputSchema = z.object({
	name: text(40, 'error.nameRequired'),
	nameEn,
	floor: z.string().trim().max(20, msg('error.tooLong')),
	capacity: count(1000, 'error.capacityCount'),
	equipment: list.refine(
		(a) => a.length <= 20 && a.every((e) => e.length <= 40),
		msg('error.tooLong')
	),
	// Checked as a whole so that the error is shown next to the field, not per box.
	layouts: list
		.refine(
			(a) => a.length > 0 && a.every((l) => (LAYOUTS as readonly string[]).includes(l)),
			msg('error.layoutRequired')
		)
		.transform((a) => a as (typeof LAYOUTS)[number][])
});
export type RoomInput = z.output<typeof roomInputSchema>;

/** A common area a work order can be about (大堂, 地下车库 …). */
export const areaInputSchema = z.object({
	name: text(40, 'error.nameRequired'),
	nameEn
});
export type AreaInput = z.output<typeof areaInputSchema>;
