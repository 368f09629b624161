import type { DomainEventBus } from '../events';
import type { BookingService } from '../rooms/bookings';
import type { WorkOrderService } from './work-orders';

/**
 * What the work-order feature does when something happens elsewhere: a failed AV check before
 * a meeting becomes a repair order for the room, linked back to the booking.
 */
export function subscribeWorkOrders(
	events: DomainEventBus,
	deps: { workOrders: WorkOrderService; bookings: BookingService }
): () => void {
	return events.on('booking:avFailed', async ({ booking, text }) => {
		const order = await deps.workOrders.submit(
			{ category: 'repair', location: { kind: 'room', roomId: booking.roomId }, text },
			{ source: 'desk', residentId: null, phoneTail: null }
		);
		await deps.bookings.linkAvWorkOrder(booking.id, order.id);
	});
}
