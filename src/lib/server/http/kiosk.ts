import { FoyerError } from '$lib/domain/errors';
import type { Device } from '$lib/domain/device';
import { readJson } from './body';
import type { DeviceService } from '../devices/devices';
import type { IdentifyService } from '../site/identify';

/** What the kiosk sends with every request of a visit: the visit token and its device token. */
export interface KioskRequest {
	visit?: unknown;
	device?: unknown;
}

/** The unit an identified visit stands for; a request without a live visit is refused. */
export async function visitUnit(identify: IdentifyService, body: KioskRequest): Promise<string> {
	const unitId = await identify.unitOf(typeof body.visit === 'string' ? body.visit : null);
	if (!unitId) throw new FoyerError('error.visitExpired', {}, 401);
	return unitId;
}

/** The paired kiosk making the request, if it is one (an unpaired browser is not). */
export function kioskDevice(devices: DeviceService, body: KioskRequest): Device | null {
	const device = devices.byToken(body.device);
	return device?.status === 'approved' ? device : null;
}

/**
 * The JSON object a kiosk (or any JSON client) sent; `{}` when it sent no body. Anything else
 * (not JSON, `null`, an array, too deep, another content type, too large) is refused: see
 * readJson.
 */
export async function jsonBody(request: Request): Promise<KioskRequest & Record<string, unknown>> {
	return readJson(request);
}
