import type { zh_printing } from './printing.zh-CN';

/** English for printing: key for key with printing.zh-CN.ts. */
export const en_printing = {
	'desk.nav.printers': 'Printers',

	'desk.printers.title': 'Printers',
	'desk.printers.configured': 'Configured printers',
	'desk.printers.noPrinters': 'No printers yet',
	'desk.printers.col.name': 'Name',
	'desk.printers.col.target': 'Target',
	'desk.printers.col.state': 'State',
	'desk.printers.col.queued': 'Queued',
	'desk.printers.col.lastError': 'Last error',
	'desk.printers.col.lastPrinted': 'Last printed',
	'desk.printers.col.actions': 'Actions',
	'desk.printers.col.time': 'Time',
	'desk.printers.col.printer': 'Printer',
	'desk.printers.col.kind': 'Kind',
	'desk.printers.col.status': 'Status',
	'desk.printers.col.attempts': 'Attempts',
	'desk.printers.paperCols': '{paper} mm · {cols} columns',
	'desk.printers.state.unknown': 'Unknown',
	'desk.printers.state.online': 'Online',
	'desk.printers.state.offline': 'Offline',
	'desk.printers.state.error': 'Error',
	'desk.printers.printing': 'Printing',
	'desk.printers.nextAttempt': 'Retries at {time}',
	'desk.printers.virtualTarget': 'Built-in virtual printer',
	'desk.printers.testPage': 'Print test page',
	'desk.printers.probe': 'Check connection',
	'desk.printers.edit': 'Edit',

	'desk.printers.addTitle': 'Add a printer',
	'desk.printers.editTitle': 'Edit printer {id}',
	'desk.printers.field.id': 'ID',
	'desk.printers.field.idHint':
		'Lowercase letters, digits or -, e.g. cashier-2; it cannot be changed later',
	'desk.printers.field.name': 'Name',
	'desk.printers.field.target': 'Target',
	'desk.printers.field.paper': 'Paper width',
	'desk.printers.field.location': 'Location',
	'desk.printers.targetHint':
		'A network printer: tcp://IP:port (usually 9100). A USB printer: its device path, e.g. /dev/usb/lp0.',
	'desk.printers.virtualHelp':
		"Enter virtual to use Foyer's built-in virtual printer: it listens on the loopback address and takes print data the way a network receipt printer does, with no hardware at all. What it prints is shown further down this page.",
	'desk.printers.virtualAbout':
		"The target virtual is Foyer's built-in virtual printer: it listens on the loopback address and takes print data the way a network receipt printer does, with no hardware at all. What it receives is shown further down this page.",
	'desk.printers.save': 'Save',
	'desk.printers.add': 'Add',
	'desk.printers.cancelEdit': 'Cancel',
	'desk.printers.managersOnly': 'Only an admin or a manager can add or change printers.',

	'desk.printers.saved': 'Printer “{name}” saved',
	'desk.printers.testQueued': 'Test page queued for “{name}”',
	'desk.printers.probed': '“{name}”: {state}',
	'desk.printers.retried': 'The print job is queued again',
	'desk.printers.cancelled': 'The print job was cancelled',

	'desk.printers.jobs': "Today's print jobs",
	'desk.printers.jobsHint': 'Newest first, at most {count}. Click a row to see what it prints.',
	'desk.printers.noJobs': 'No print jobs today',
	'desk.printers.kind':
		'{kind, select, ticket {Queue ticket} receipt {Receipt} void {Void slip} report {Daily report} request {Request slip} test {Test page} other {{kind}}}',
	'desk.printers.status.queued': 'Queued',
	'desk.printers.status.printing': 'Printing',
	'desk.printers.status.printed': 'Printed',
	'desk.printers.status.failed': 'Failed',
	'desk.printers.status.cancelled': 'Cancelled',
	'desk.printers.reprint': 'Reprint',
	'desk.printers.maybePrinted': 'May have printed once already',
	'desk.printers.retry': 'Retry',
	'desk.printers.cancel': 'Cancel job',

	'desk.printers.preview': 'Print preview',
	'desk.printers.previewEmpty': 'Click a print job to see here how it prints.',
	'desk.printers.previewOf': '{kind} · {printer} · {time}',
	'desk.printers.closePreview': 'Close preview',
	'desk.printers.preview.label': 'Receipt preview',
	'desk.printers.preview.cut': 'Cut',
	'desk.printers.preview.qr': 'QR code: {data}',

	'desk.printers.virtual.title': 'Virtual printer',
	'desk.printers.virtual.intro':
		'Printers with the target virtual print here ({url}). These are the last {count} it received, read back from the print data.',
	'desk.printers.virtual.none': 'The virtual printer has received nothing yet',
	'desk.printers.virtual.received': 'Received {time} · {bytes} bytes',
	'desk.printers.virtual.incomplete': 'The connection broke: only part arrived',

	'error.printerIdTaken': 'The ID {id} is already used by another printer'
} as const satisfies Record<keyof typeof zh_printing, string>;
