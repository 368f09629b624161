import type { zh_kioskvisit } from './kioskvisit.zh-CN';

/** English for how a kiosk visit ends and goes on: spread into the en catalog. */
export const en_kioskvisit: Record<keyof typeof zh_kioskvisit, string> = {
	'kiosk.another': 'Another service',
	'kiosk.anotherHint': 'Keeps your home for one more task',
	'kiosk.offline': 'The kiosk cannot reach the server',
	'kiosk.opening': 'Opening…',
	'kiosk.offlineHint':
		'Paying, tickets, reports, look-ups and check-in are paused and come back by themselves. For anything urgent, please ask at the front desk.',
	'kiosk.paused': 'Paused',
	'kiosk.ticket.takeSlip': 'Please take your slip',
	'kiosk.ticket.noSlip':
		'No slip? Note the number or scan the code, and tell the front desk it needs paper.',
	'kiosk.duration': '{minutes} min {seconds} s',
	'kiosk.report.respondToday': 'Staff will respond by {time} today',
	'kiosk.report.respondLater': 'Staff will respond by {time} on {day}'
};
