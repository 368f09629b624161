/**
 * Printing: documents → ESC/POS (GBK) → a persisted, retried queue per printer.
 * See docs/decisions.md, decision 9 ("Printing never blocks a payment").
 */
export {
	block,
	blockSchema,
	layoutDocument,
	printDocumentSchema,
	renderPreview,
	type Block,
	type PreviewLine,
	type PrintDocument,
	type ReceiptPreview
} from './document';
export { render } from './escpos';
export { PAPER_COLUMNS, displayWidth, leftRight, columns, pad, wrap, type Paper } from './layout';
export { PrintQueue, type PrintQueueOptions } from './print-queue';
export {
	printJobSchema,
	printerConfigSchema,
	type EnqueueInput,
	type PrintChange,
	type PrintJob,
	type PrintJobError,
	type PrinterConfig,
	type PrinterStatus
} from './schema';
export { testPageDocument, type TestPageInput } from './test-page';
export { PrintError, parseTarget, probe, send, type PrintErrorCode } from './transport';
export {
	decodeReceipt,
	startVirtualPrinter,
	type DecodedReceipt,
	type VirtualJob,
	type VirtualPrinter
} from './virtual-printer';
export { realTimers, type Timers } from './worker';
