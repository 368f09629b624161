/** The lobby queue's services and their ticket letters: plain data, no validation library, so
 * the kiosk can import it and stay light. */
export const QUEUE_SERVICES = [
	{ key: 'fees', prefix: 'A' },
	{ key: 'repairs', prefix: 'B' },
	{ key: 'affairs', prefix: 'C' },
	{ key: 'consult', prefix: 'D' }
] as const;
export type QueueServiceKey = (typeof QUEUE_SERVICES)[number]['key'];
