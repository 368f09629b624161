import {
	asciiPayload,
	block,
	type Block,
	type LabelValue,
	type PrintDocument
} from '../printing/document';

/*
 * The queue ticket's slip. Every text comes in already translated (the caller knows the
 * resident's language).
 */

export interface TicketSlip {
	/** The service center's name, e.g. 阳光花园物业服务中心. */
	site: string;
	/** The ticket number as called, e.g. A012. */
	label: string;
	/** The service, e.g. 物业缴费. */
	service: string;
	/** People ahead in this line, e.g. { label: '前面等候', value: '3 人' }. */
	ahead: LabelValue;
	/** Estimated wait, e.g. { label: '预计等候', value: '约 15 分钟' }. */
	wait: LabelValue;
	/** When the ticket was taken, e.g. { label: '取号时间', value: '2026-01-05 09:12' }. */
	takenAt: LabelValue;
	/** A phone page to follow the ticket: an ASCII URL (a QR payload) and its caption. */
	follow?: { url: string; caption: string };
	/** Closing lines, e.g. 过号请重新取号. */
	footer?: readonly string[];
}

/** The slip the kiosk prints when a resident takes a queue ticket. */
export function ticketDocument(slip: TicketSlip): PrintDocument {
	const blocks: Block[] = [
		block.text(slip.site, { align: 'center', bold: true }),
		block.divider(),
		// Four times the normal size: readable at arm's length, 8 characters fit even 58 mm paper.
		block.text(slip.label, { align: 'center', bold: true, size: 4 }),
		block.text(slip.service, { align: 'center', size: 2 }),
		block.divider(),
		...[slip.ahead, slip.wait, slip.takenAt].map((r) => block.leftRight(r.label, r.value))
	];
	if (slip.follow) {
		blocks.push(block.feed(), block.qr(asciiPayload(slip.follow.url)));
		blocks.push(block.text(slip.follow.caption, { align: 'center' }));
	}
	if (slip.footer?.length) {
		blocks.push(block.divider());
		for (const line of slip.footer) blocks.push(block.text(line, { align: 'center' }));
	}
	blocks.push(block.feed(), block.cut());
	return { blocks };
}
