import { z } from 'zod';

/** Screens that show Foyer: the lobby kiosk and wall displays. */
export const DEVICE_KINDS = ['kiosk', 'display'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const deviceSchema = z.object({
	id: z.string(),
	kind: z.enum(DEVICE_KINDS),
	/** pending: showing its pairing code; approved: named and set up; rejected: refused. */
	status: z.enum(['pending', 'approved', 'rejected']),
	/** Six digits shown on a new screen until staff approve it. */
	code: z.string().nullable(),
	/** SHA-256 of the token the screen keeps; the token itself is never stored. */
	tokenHash: z.string(),
	name: z.string(),
	location: z.string(),
	/** For displays: the board it shows (a /display/<board> name). */
	board: z.string().nullable(),
	/** Only back-office screens may show back-office boards (full detail). */
	backOffice: z.boolean(),
	/** Kiosks: the printer beside it (tickets, receipts); null prints at the front desk. */
	printerId: z.string().nullable().default(null),
	/** Door panels (board `room`): the meeting room at whose door it hangs. */
	roomId: z.string().nullable().default(null),
	createdAt: z.string(),
	approvedAt: z.string().nullable(),
	lastSeenAt: z.string().nullable()
});
export type Device = z.infer<typeof deviceSchema>;

/** What staff set when approving or changing a screen. */
export const deviceSetupSchema = z.object({
	name: z
		.string({ error: 'error.deviceName' })
		.trim()
		.min(1, { error: 'error.deviceName' })
		.max(40, { error: 'error.deviceName' }),
	location: z.string().trim().max(60).default(''),
	board: z.string().trim().max(40).nullable().default(null),
	backOffice: z.boolean().default(false),
	printerId: z.string().trim().max(40).nullable().default(null),
	roomId: z.string().trim().max(60).nullable().default(null)
});
export type DeviceSetup = z.infer<typeof deviceSetupSchema>;

/** What a screen is told about itself. */
export interface DeviceState {
	id: string;
	kind: DeviceKind;
	status: Device['status'];
	code: string | null;
	name: string;
	board: string | null;
	/** A door panel's room. */
	roomId: string | null;
}

export function deviceState(d: Device): DeviceState {
	const { id, kind, status, code, name, board, roomId } = d;
	return { id, kind, status, code, name, board, roomId };
}
