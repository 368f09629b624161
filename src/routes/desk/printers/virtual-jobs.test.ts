import { describe, expect, it } from 'vitest';
import { layoutDocument, render, testPageDocument, type PreviewLine } from '$lib/server/printing';
import { virtualPreview, virtualPrints } from './virtual-jobs.server';

/** Left-aligned lines lose their trailing spaces on the way to the printer. */
const comparable = (l: PreviewLine) => (l.type === 'text' ? { ...l, text: l.text.trimEnd() } : l);

describe('the virtual printer on the desk', () => {
	for (const paper of [58, 80] as const) {
		it(`reads a ${paper} mm test page back as the preview that was printed`, () => {
			const doc = testPageDocument({
				paper,
				printerName: '前台打印机',
				target: 'virtual',
				printedAt: '2026-01-05 09:12',
				qrData: 'http://127.0.0.1:5173/desk/printers'
			});
			const expected = layoutDocument(doc, { paper });
			const got = virtualPreview(render(doc, { paper }));
			expect(got.paper).toBe(paper);
			expect(got.cols).toBe(expected.cols);
			expect(got.lines.map(comparable)).toEqual(expected.lines.map(comparable));
		});
	}

	it('lists the newest print first with a unique key even for identical prints', () => {
		const bytes = render({ blocks: [{ type: 'text', text: '收据' }] }, { paper: 58 });
		const at = new Date('2026-01-05T01:00:00Z');
		const prints = virtualPrints(
			[
				{ receivedAt: at, bytes, complete: true },
				{ receivedAt: at, bytes, complete: false }
			],
			10
		);
		expect(prints.map((p) => p.complete)).toEqual([false, true]);
		expect(new Set(prints.map((p) => p.key)).size).toBe(2);
		expect(prints[0]?.title).toBe('收据');
	});
});
