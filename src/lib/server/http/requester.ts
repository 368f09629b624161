import type { DeviceService } from '../devices/devices';
import { kioskDevice, type KioskRequest } from './kiosk';

/**
 * Who a public request is counted against (see request-limits.ts): the paired kiosk that sent
 * it (its approved device token), else the client's address (behind a proxy, ADDRESS_HEADER
 * decides it). A device token counts only when approved: a made-up one would otherwise start
 * a fresh count with every request.
 */
export function requester(
	devices: DeviceService,
	body: KioskRequest,
	client: () => string
): string {
	const device = kioskDevice(devices, body);
	return device ? `device:${device.id}` : `address:${client()}`;
}
