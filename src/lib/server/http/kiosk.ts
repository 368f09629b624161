import { FoyerError } from '$lib/domain/errors';
import type { Device } from '$lib/domain/device';
import type { DeviceService } from '../devices/devices';
import type { IdentifyService } from '../site/identify';

/** What the kiosk sends with every request of a visit: the visit token and its device token. */
export interface KioskRequest {
	visit?: unknown;
	device?: unknown;
}

/** The unit an identified visit stands for; a request without a live visit is refused. */
export function visitUnit(identify: IdentifyService, body: KioskRequest): string {
	const unitId = identify.unitOf(typeof body.visit === 'string' ? body.visit : null);
	if (!unitId) throw new FoyerError('error.visitExpired', {}, 401);
	return unitId;
}

/** The paired kiosk making the request, if it is one (an unpaired browser is not). */
export function kioskDevice(devices: DeviceService, body: KioskRequest): Device | null {
	const device = devices.byToken(body.device);
	return device?.status === 'approved' ? device : null;
}

/** Reads a JSON body, or an empty object when there is none or it is not JSON. */
export async function jsonBody(request: Request): Promise<KioskRequest & Record<string, unknown>> {
	const body: unknown = await request.json().catch(() => ({}));
	return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}
