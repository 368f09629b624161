import QRCode from 'qrcode';
import { FoyerError } from '$lib/domain/errors';
import { jsonProblem } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

/** Long enough for any link Foyer draws (a payment's QR payload, a tracking or receipt link). */
const MAX_DATA = 512;

/**
 * `GET /api/qr?data=…` → the QR code of `data` (printable ASCII, ≤ 512 characters) as SVG. The
 * kiosk draws its QR codes with this instead of shipping a QR encoder to the browser (issue 13,
 * item 9). Nothing is stored; `no-store` because a payment's link is in the address.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const data = url.searchParams.get('data') ?? '';
	if (!data || data.length > MAX_DATA || !/^[\x20-\x7e]+$/.test(data))
		return jsonProblem(new FoyerError('error.invalid', {}, 400, 'data'), locals.locale);
	const svg = await QRCode.toString(data, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return new Response(svg, {
		headers: { 'content-type': 'image/svg+xml', 'cache-control': 'no-store' }
	});
};
