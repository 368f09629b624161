import type { Readable } from 'node:stream';
import {
	EXPORT_FORMATS,
	EXPORT_KINDS,
	PERSONAL_EXPORTS,
	RANGED_EXPORTS,
	dayRange,
	type ExportFormat,
	type ExportKind
} from '$lib/domain/export';
import { FoyerError } from '$lib/domain/errors';
import { can, demand, type Acting, type Permission } from '$lib/domain/permissions';
import { dayKey } from '$lib/domain/time';
import { translator, type Locale } from '$lib/i18n';
import type { AuditService } from '../audit/audit';
import type { QueueService } from '../queue/queue';
import { buildTable, type ExportSources } from './tables';
import { csvStream, xlsxStream } from './writers';

/** A file to send: its name, type and content, written as it is read. */
export interface ExportFile {
	filename: string;
	contentType: string;
	body: Readable;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8'
};

/**
 * Exports for the finance office, the owners' committee or an audit: units and residents,
 * bills, arrears, the ledger, daily closes, work orders, ratings, bookings — as .xlsx or .csv,
 * headers in the staff's language. Personal data only for admins and managers; every export
 * is audited with who, what and when.
 */
export class ExportService {
	constructor(
		private readonly deps: ExportSources & { audit: AuditService; queue: QueueService }
	) {}

	/**
	 * What a ranged table needs from the store rather than memory: the range's tickets, and
	 * its work orders (only the last months' stay in memory; older ones come from the store).
	 */
	async #stored(kind: ExportKind, range: { from: string; to: string }) {
		if (kind === 'tickets') return { tickets: await this.deps.queue.between(range.from, range.to) };
		if (kind !== 'workorders' || range.from >= this.deps.workOrders.keptSince()) return {};
		const byId = new Map(
			(await this.deps.workOrders.reportedBetween(range.from, range.to)).map((o) => [o.id, o])
		);
		for (const o of this.deps.workOrders.all()) byId.set(o.id, o);
		return { orders: [...byId.values()] };
	}

	/** Which kinds someone may export (the page shows only those). */
	kindsFor(acting: Acting): ExportKind[] {
		return EXPORT_KINDS.filter((k) => can(acting.roles, permissionOf(k)));
	}

	/**
	 * One export, checked and audited, streamed as it is read. `input`: kind, format and, for
	 * the ranged kinds, from/to (YYYY-MM-DD; the last 31 days by default).
	 */
	async open(
		acting: Acting,
		input: { kind: string; format: string; from?: string | null; to?: string | null },
		locale: Locale
	): Promise<ExportFile> {
		const kind = EXPORT_KINDS.find((k) => k === input.kind);
		if (!kind) throw new FoyerError('error.exportKind', {}, 404);
		demand(acting.roles, permissionOf(kind));
		const format = EXPORT_FORMATS.find((f) => f === input.format);
		if (!format) throw new FoyerError('error.exportFormat', {}, 400, 'format');
		const tz = this.deps.site.site.timeZone;
		const today = dayKey(this.deps.clock.now(), tz);
		const monthAgo = dayKey(new Date(this.deps.clock.now().getTime() - 30 * 86_400_000), tz);
		const range = dayRange(input.from || monthAgo, input.to || today);
		if (!range) throw new FoyerError('error.exportRange', {}, 400, 'from');
		const ranged = RANGED_EXPORTS.includes(kind);
		const t = translator(locale);
		const table = buildTable(kind, this.deps, {
			...range,
			t,
			...(await this.#stored(kind, range))
		});
		await this.deps.audit.record(
			{ id: acting.id, username: acting.username },
			'data.exported',
			kind,
			{ format, ...(ranged ? range : {}), personal: PERSONAL_EXPORTS.includes(kind) }
		);
		const headers = table.columns.map((c) => t(c.header));
		const title = t(`export.kind.${kind}`);
		const name = `${title}-${ranged ? `${range.from}_${range.to}` : today}.${format}`;
		return {
			filename: name,
			contentType: CONTENT_TYPES[format],
			body:
				format === 'xlsx' ? xlsxStream(table, headers, title, tz) : csvStream(table, headers, tz)
		};
	}
}

function permissionOf(kind: ExportKind): Permission {
	return PERSONAL_EXPORTS.includes(kind) ? 'data.exportPersonal' : 'data.export';
}
