import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BACK_OFFICE_BOARDS, type Board } from '$lib/domain/boards';
import { FoyerError } from '$lib/domain/errors';
import {
	DEVICE_KINDS,
	deviceSchema,
	deviceSetupSchema,
	type Device,
	type DeviceKind
} from '$lib/domain/device';
import type { Clock } from '$lib/domain/time';
import type { DomainEventBus } from '../events';
import type { Doc, FoyerStore, SectionLock } from '../store/contract';
import type { Actor, AuditService } from '../audit/audit';
import type { RequestLimits } from '../http/request-limits';

const devicesFileSchema = z.object({ devices: z.array(deviceSchema) });
type DevicesFile = z.infer<typeof devicesFileSchema>;

/** A pairing request nobody approved within this time is dropped. */
const PENDING_MS = 60 * 60_000;
/** At most this many screens wait for approval at once (a kiosk page reloaded in a loop). */
const MAX_PENDING = 20;

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

interface DeviceDeps {
	clock: Clock;
	audit: AuditService;
	events: DomainEventBus;
	boards: readonly string[];
	/** Printers a kiosk may be given. */
	printerIds: () => readonly string[];
	/** Meeting rooms a door panel may show. */
	roomIds: () => readonly string[];
	/** Pairing codes asked for, per address. */
	limits: RequestLimits;
}

/**
 * The screens of the lobby. A new screen asks to pair and shows a six-digit code; staff enter
 * the code at the desk, name the screen and choose its board. The screen keeps a token that
 * proves which device it is from then on.
 */
/** The printer everything prints on unless a kiosk has its own. */
export const FRONT_DESK_PRINTER = 'front-desk';

export class DeviceService {
	private constructor(
		private readonly doc: Doc<DevicesFile>,
		private readonly deps: DeviceDeps,
		private readonly lock: SectionLock
	) {}

	static async open(store: FoyerStore, deps: DeviceDeps): Promise<DeviceService> {
		const doc = await store.doc('devices', {
			defaults: { devices: [] },
			parse: (d) => devicesFileSchema.parse(d)
		});
		return new DeviceService(doc, deps, store.lock('devices'));
	}

	/** The printer beside a kiosk, else the front desk's (else the first there is). */
	printerFor(kioskId: string | null): string | null {
		const printers = this.deps.printerIds();
		const own = kioskId ? this.list().find((d) => d.id === kioskId)?.printerId : null;
		const wanted = [own, FRONT_DESK_PRINTER].find((id) => id && printers.includes(id));
		return wanted ?? printers[0] ?? null;
	}

	list(): Device[] {
		return this.doc.data.devices.filter((d) => d.status !== 'rejected' && !this.#stale(d));
	}

	/**
	 * A new screen asks to be paired. Returns its token (kept by the screen) and code. Limited
	 * per address (`client`), counted before the code is made.
	 */
	async requestPairing(
		kind: unknown,
		client: () => string
	): Promise<{ token: string; device: Device }> {
		const k = z.enum(DEVICE_KINDS, { error: 'error.invalid' }).parse(kind) as DeviceKind;
		// A new screen has no approved token yet: its address is all there is to count by.
		await this.deps.limits.admit(['pairing', `address:${client()}`]);
		if (
			this.doc.data.devices.filter((d) => d.status === 'pending' && !this.#stale(d)).length >=
			MAX_PENDING
		) {
			throw new FoyerError('error.tooManyPairings', {}, 429);
		}
		const token = randomBytes(24).toString('base64url');
		const now = this.deps.clock.now().toISOString();
		const device: Device = {
			id: randomUUID(),
			kind: k,
			status: 'pending',
			code: this.#freshCode(),
			tokenHash: hash(token),
			name: '',
			location: '',
			board: null,
			backOffice: false,
			printerId: null,
			roomId: null,
			createdAt: now,
			approvedAt: null,
			lastSeenAt: now
		};
		await this.doc.update((d) => {
			d.devices = d.devices.filter((x) => !this.#stale(x));
			d.devices.push(device);
		});
		return { token, device };
	}

	/** The device a screen's token stands for. */
	byToken(token: unknown): Device | undefined {
		if (typeof token !== 'string' || !token) return undefined;
		const h = hash(token);
		// An expired pairing request counts as unknown: the screen is told so and pairs anew.
		return this.doc.data.devices.find(
			(d) => d.tokenHash === h && d.status !== 'rejected' && !this.#stale(d)
		);
	}

	/** Staff approve the screen showing `code`, naming it and choosing its board. */
	async approve(actor: Actor, code: string, input: unknown): Promise<Device> {
		// One pairing per code, whichever process each desk's request reaches: the check and the
		// write run under the devices lock (the database's on several processes).
		const { device, setup } = await this.lock.run(async () => {
			const found = this.doc.data.devices.find(
				(d) => d.status === 'pending' && d.code === code.trim() && !this.#stale(d)
			);
			if (!found) throw new FoyerError('error.pairingCode', {}, 404);
			const setup = this.#setup(found.kind, input);
			await this.#change(found.id, {
				...setup,
				status: 'approved',
				code: null,
				approvedAt: this.deps.clock.now().toISOString()
			});
			return { device: this.#get(found.id), setup };
		});
		await this.deps.audit.record(actor, 'device.approved', device.id, { ...setup });
		this.deps.events.emit('device:changed', device);
		return device;
	}

	/** Changes one device inside the document (found again there: see StaffService.update). */
	#change(id: string, fields: Partial<Device>): Promise<void> {
		return this.doc.update((d) => {
			const x = d.devices.find((y) => y.id === id);
			if (x) Object.assign(x, fields);
		});
	}

	async reject(actor: Actor, id: string): Promise<void> {
		this.#get(id);
		await this.#change(id, { status: 'rejected', code: null });
		await this.deps.audit.record(actor, 'device.rejected', id);
		this.deps.events.emit('device:changed', this.#get(id));
	}

	/** Renames a screen or changes its board; the screen follows at once. */
	async configure(actor: Actor, id: string, input: unknown): Promise<Device> {
		const device = this.#get(id);
		if (device.status !== 'approved') throw new FoyerError('error.deviceNotFound', {}, 404);
		const setup = this.#setup(device.kind, input);
		await this.#change(id, setup);
		await this.deps.audit.record(actor, 'device.configured', id, { ...setup });
		const changed = this.#get(id);
		this.deps.events.emit('device:changed', changed);
		return changed;
	}

	/** Asks a screen to reload its page (after an update, or when it looks wrong). */
	async reload(actor: Actor, id: string): Promise<void> {
		this.#get(id);
		await this.deps.audit.record(actor, 'device.reloaded', id);
		this.deps.events.emit('device:reload', { deviceId: id });
	}

	/** Records that a screen connected or disconnected. */
	async seen(id: string): Promise<void> {
		const device = this.doc.data.devices.find((d) => d.id === id);
		if (device) await this.#change(id, { lastSeenAt: this.deps.clock.now().toISOString() });
	}

	#setup(kind: DeviceKind, input: unknown) {
		const setup = deviceSetupSchema.parse(input);
		if (setup.printerId && !this.deps.printerIds().includes(setup.printerId)) {
			throw new FoyerError('error.printerNotFound', {}, 400);
		}
		// Only what applies to this kind of screen is kept: a kiosk never gets back-office data
		// or a door panel's rights, a display never prints.
		if (kind === 'kiosk') return { ...setup, board: null, backOffice: false, roomId: null };
		setup.printerId = null;
		if (!setup.board || !this.deps.boards.includes(setup.board)) {
			throw new FoyerError('error.deviceBoard', {}, 400);
		}
		if (BACK_OFFICE_BOARDS.includes(setup.board as Board) && !setup.backOffice) {
			throw new FoyerError('error.backOfficeBoard', {}, 400);
		}
		// A door panel shows one room; other boards have none.
		if (setup.board === 'room') {
			if (!setup.roomId || !this.deps.roomIds().includes(setup.roomId)) {
				throw new FoyerError('error.roomRequired', {}, 400);
			}
		} else setup.roomId = null;
		return setup;
	}

	#get(id: string): Device {
		const device = this.doc.data.devices.find((d) => d.id === id);
		if (!device) throw new FoyerError('error.deviceNotFound', {}, 404);
		return device;
	}

	#stale(d: Device): boolean {
		return (
			d.status === 'pending' &&
			this.deps.clock.now().getTime() - Date.parse(d.createdAt) > PENDING_MS
		);
	}

	#freshCode(): string {
		const taken = new Set(this.doc.data.devices.map((d) => d.code));
		let code: string;
		do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
		while (taken.has(code));
		return code;
	}
}
