import type { zh_roomskiosk } from './roomskiosk.zh-CN';

/** English for roomskiosk: key for key with roomskiosk.zh-CN.ts. */
export const en_roomskiosk = {
	'kiosk.tile.checkin': 'Meeting check-in',
	'kiosk.tile.checkinHint': 'Type your code or scan it',
	'kiosk.checkin.code': 'Enter the 6-digit check-in code',
	'kiosk.checkin.scanHint': 'Or hold the meeting QR code up to the scanner',
	'kiosk.checkin.checking': 'Checking you in…',
	'kiosk.checkin.welcome': 'Checked in — welcome!',
	'kiosk.checkin.floor': 'Floor {floor}',
	'kiosk.checkin.meeting': 'Meeting',
	'kiosk.checkin.count': 'Checked in: {checkedIn}/{attendees}',
	'kiosk.checkin.next': 'Next guest',
	'meetingFeedback.title': 'Rate the meeting',
	'meetingFeedback.ask': 'How were the meeting room and the service?',
	'meetingFeedback.room': 'Room: {room}',
	'meetingFeedback.sent': 'Your feedback is in. Others at the meeting can scan and rate too.',
	'error.checkInCodeFormat': 'The check-in code has 6 digits'
} as const satisfies Record<keyof typeof zh_roomskiosk, string>;
