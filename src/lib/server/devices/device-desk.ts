import { demand, type Acting } from '$lib/domain/permissions';
import type { Device } from '$lib/domain/device';
import { auditActor } from '../staff/acting';
import type { DeviceService } from './devices';

/** What the devices page sends for a screen: its name, place, board, printer or room. */
export interface DeviceSetupForm {
	name: string;
	location: string;
	board: string | null;
	backOffice: boolean;
	printerId: string | null;
	roomId: string | null;
}

/** The desk's device actions (pairing, setting screens up, reloading), each checked first. */
export class DeviceDesk {
	constructor(private readonly deps: { devices: DeviceService }) {}

	/** Approves the screen showing `code`, set up as the form says. */
	async approve(who: Acting, code: string, setup: DeviceSetupForm): Promise<Device> {
		demand(who.roles, 'devices.approve');
		return this.deps.devices.approve(auditActor(who), code, setup);
	}

	async reject(who: Acting, id: string): Promise<void> {
		demand(who.roles, 'devices.approve');
		await this.deps.devices.reject(auditActor(who), id);
	}

	async configure(who: Acting, id: string, setup: DeviceSetupForm): Promise<Device> {
		demand(who.roles, 'devices.configure');
		return this.deps.devices.configure(auditActor(who), id, setup);
	}

	async reload(who: Acting, id: string): Promise<void> {
		demand(who.roles, 'devices.configure');
		await this.deps.devices.reload(auditActor(who), id);
	}
}
