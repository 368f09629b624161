import { FoyerError } from '$lib/domain/errors';
import type { WorkOrder } from '$lib/domain/work-order';
import { reserveAttempt, type AttemptLimiter } from '../http/attempt-limiter';
import type { WorkOrderService } from './work-orders';

/** What tracking needs: the orders, and the failures counted per number and per client. */
export interface TrackingDeps {
	workOrders: WorkOrderService;
	trackLimits: { byNumber: AttemptLimiter; byClient: AttemptLimiter };
}

/** Following a request by its number and phone tail (kiosk, phone page, API). */
export class Tracking {
	constructor(private readonly deps: TrackingDeps) {}

	/** The order, or a refusal that says the same for a wrong number and a wrong tail. */
	track(input: { number: unknown; phoneTail: unknown; client: string }): Promise<WorkOrder> {
		return trackOrder(this.deps, input);
	}
}

/**
 * A resident looks up their own request by its number and the last 4 digits of their phone
 * (the kiosk's 查询进度, the phone page /track, POST /api/track). A wrong number and a wrong
 * tail get the same answer, so the form cannot be used to learn which numbers exist; failures
 * are limited per number (someone guessing tails) and per client address (someone guessing
 * numbers).
 */
export async function trackOrder(
	app: TrackingDeps,
	input: { number: unknown; phoneTail: unknown; client: string }
): Promise<WorkOrder> {
	const number = String(input.number ?? '').replace(/\D/g, '');
	const tail = String(input.phoneTail ?? '').trim();
	const { byNumber, byClient } = app.trackLimits;
	// Counted before the check and taken back when it passes (decision 12).
	const attempt = await reserveAttempt(
		[
			{ limiter: byNumber, key: number },
			{ limiter: byClient, key: input.client }
		],
		'error.identifyLocked',
		'tracking'
	);
	const order = app.workOrders.byNumber(number);
	// An order reported without identification has no tail: only its QR page follows it.
	if (!order || !order.phoneTail || order.phoneTail !== tail) {
		throw new FoyerError('error.trackFailed', {}, 401);
	}
	attempt.passed();
	return order;
}
