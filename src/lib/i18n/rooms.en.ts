import type { zh_rooms } from './rooms.zh-CN';

/** English for rooms: key for key with rooms.zh-CN.ts. */
export const en_rooms = {
	'rooms.adhocTitle': 'Walk-in use',
	'display.board.rooms': 'Meeting rooms',
	'display.board.room': 'Room door panel',
	'error.roomRequired': 'Choose a meeting room',
	'error.bookingTitle': 'Give the meeting a title (80 characters at most)',
	'error.bookingTime': 'Enter a start and an end time',
	'error.bookingOrder': 'The end must be after the start',
	'error.attendees': 'Enter the number of attendees',
	'error.layout': 'This room cannot be set up that way',
	'error.overCapacity': 'More people than {room} holds ({capacity})',
	'error.bookingConflict': 'This overlaps “{title}” ({time}, with its setup and teardown)',
	'error.bookingConflictPrivate': 'This overlaps a meeting at {time} (with its setup and teardown)',
	'error.bookingNotFound': 'That meeting was not found',
	'error.bookingNotActive': 'That meeting was cancelled, released or has ended',
	'error.bookingCode': 'That check-in code is not right',
	'error.checkInNotYet': 'Check-in opens at {time}',
	'error.checkInSlowDown': 'Too many wrong codes here. Try again in {seconds} s',
	'error.checkInOver': 'The meeting is over: check-in is closed',
	'error.pinFormat': 'A PIN is 4 to 8 digits',
	'error.pinWrong': 'Wrong PIN',
	'desk.nav.rooms': 'Meeting rooms',
	'error.bookingReleased':
		'Nobody checked in, so the room was released. Please ask the conference staff.',
	'error.feedbackNotYet': 'You can give feedback once the meeting has begun',
	'error.pinRequired': 'Enter the conference staff PIN'
} as const satisfies Record<keyof typeof zh_rooms, string>;
