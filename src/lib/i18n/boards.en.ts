import type { zh_boards } from './boards.zh-CN';

/** English for boards: key for key with boards.zh-CN.ts. */
export const en_boards = {
	'display.work.today.submitted': 'Reported today',
	'display.work.today.resolved': 'Done today',
	'display.work.today.open': 'Open',
	'display.work.today.overdue': 'Overdue',
	'display.work.complaints': 'Complaints',
	'display.work.complaints.open': 'open',
	'display.work.complaints.today': 'today',
	'display.work.col.number': 'No.',
	'display.work.col.category': 'Type',
	'display.work.col.place': 'Place',
	'display.work.col.chip': 'Issue',
	'display.work.col.detail': 'Details',
	'display.work.col.people': 'Resident / technician',
	'display.work.col.status': 'Status',
	'display.work.col.age': 'Age',
	'display.work.col.sla': 'Due',
	'display.work.unassigned': 'Not assigned',
	'display.work.none': 'No work orders right now',
	'display.work.page': '{page}/{pages}',
	'display.work.done': 'Done',
	'display.work.justNow': 'just now',
	'display.work.duration.m': '{m} min',
	'display.work.duration.hm': '{h} h {m} min',
	'display.work.duration.dh': '{d} d {h} h',
	'display.work.sla.left': '{time} left',
	'display.work.sla.leftDays': '{d} d {time} left',
	'display.work.sla.over': '{time} overdue',
	'display.work.backOfficeOnly': 'This board shows only on screens paired as back-office',
	'display.work.backOfficeHint':
		'Open /pair on this screen for a pairing code, approve it at the desk under Devices and tick “Back-office screen”.'
} as const satisfies Record<keyof typeof zh_boards, string>;
