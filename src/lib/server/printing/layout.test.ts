import { describe, expect, it } from 'vitest';
import {
	PAPER_COLUMNS,
	charWidth,
	clean,
	columns,
	displayWidth,
	divider,
	leftRight,
	pad,
	truncate,
	wrap
} from './layout';

const PAPERS = [PAPER_COLUMNS[58], PAPER_COLUMNS[80]];

/** A small deterministic PRNG, so a failing case can be replayed. */
function rng(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

const ALPHABET = [
	...'abcXYZ0189 .-/:',
	...'物业费用缴纳单元栋号',
	...'，。：（）【】“”￥元·—',
	' ',
	' '
];

function randomText(next: () => number, maxLen: number): string {
	const n = Math.floor(next() * maxLen);
	let s = '';
	for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
	return s;
}

describe('display width', () => {
	it('counts ASCII as one column and Chinese, full-width signs and Chinese punctuation as two', () => {
		expect(displayWidth('A1 -')).toBe(4);
		expect(displayWidth('物业费')).toBe(6);
		expect(displayWidth('￥')).toBe(2);
		expect(displayWidth('，。：（）【】“”')).toBe(18);
		expect(displayWidth('合计 Total：￥12.50')).toBe(4 + 6 + 2 + 2 + 5);
	});

	it('counts what GBK prints double-width as two even when a browser draws it narrow', () => {
		expect(charWidth('·')).toBe(2);
		expect(charWidth('—')).toBe(2);
		expect(charWidth('─')).toBe(2);
	});

	it('prints the yen sign as the full-width ￥ and anything GBK lacks as ?', () => {
		expect(clean('¥12')).toBe('￥12');
		expect(clean('€5 😀 𠮷')).toBe('?5 ? ?');
		expect(displayWidth('€😀')).toBe(2);
	});

	it('drops control characters, so text cannot smuggle ESC/POS commands in', () => {
		expect(clean('a\x1b@b\x1dV\x00c\x7f')).toBe('a@bVc');
		expect(clean('tab\there\nnext')).toBe('tab here next');
	});
});

describe('pad and truncate', () => {
	it('never splits a double-width character and fills the odd column with a space', () => {
		expect(truncate('中文字', 5)).toBe('中文');
		expect(pad('中文字', 5)).toBe('中文 ');
		expect(pad('中', 5, 'right')).toBe('   中');
		expect(pad('中', 5, 'center')).toBe(' 中  ');
	});

	it('pads every mixed string to exactly the width asked for', () => {
		const next = rng(1);
		for (let i = 0; i < 500; i++) {
			const width = 1 + Math.floor(next() * 48);
			const align = (['left', 'center', 'right'] as const)[i % 3];
			expect(displayWidth(pad(randomText(next, 40), width, align))).toBe(width);
		}
	});
});

describe('wrap', () => {
	it('breaks Chinese anywhere and never makes a line wider than the width', () => {
		const lines = wrap('物业服务中心'.repeat(10), 32);
		expect(lines.length).toBe(4);
		for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(32);
		expect(lines.join('')).toBe('物业服务中心'.repeat(10));
	});

	it('keeps ASCII words whole unless a word is longer than a line', () => {
		expect(wrap('pay the fee at counter two', 10)).toEqual(['pay the', 'fee at', 'counter', 'two']);
		expect(wrap('https://foyer.example/t/A012', 12)).toEqual([
			'https://foye',
			'r.example/t/',
			'A012'
		]);
	});

	it('keeps explicit line breaks and returns one empty line for empty text', () => {
		expect(wrap('一\n二', 32)).toEqual(['一', '二']);
		expect(wrap('', 32)).toEqual(['']);
	});

	it('does not start a line with closing punctuation', () => {
		// 15 characters fill 30 columns; the 16th fills 32; the comma would start line two.
		const text = '请您在叫号时前往对应窗口办理业务' + '，谢谢';
		const lines = wrap(text, 32);
		for (const l of lines) expect(l.startsWith('，')).toBe(false);
		expect(lines.join('')).toBe(text);
	});

	it('keeps every line within the width for random mixed text', () => {
		const next = rng(2);
		for (let i = 0; i < 300; i++) {
			const width = 2 + Math.floor(next() * 47);
			for (const l of wrap(randomText(next, 120), width)) {
				expect(displayWidth(l)).toBeLessThanOrEqual(width);
			}
		}
	});
});

describe('leftRight', () => {
	it.each(PAPERS)('makes one line of exactly %i columns when both fit', (cols) => {
		const [line] = leftRight('物业管理费', '￥356.00', cols);
		expect(displayWidth(line!)).toBe(cols);
		expect(line!.startsWith('物业管理费')).toBe(true);
		expect(line!.endsWith('￥356.00')).toBe(true);
	});

	it('wraps a long left text below and keeps the amount on the first line', () => {
		const lines = leftRight('3栋2单元1201 物业管理费（2026年1月至2026年3月）', '￥1,068.00', 32);
		expect(lines.length).toBeGreaterThan(1);
		expect(lines[0]!.endsWith('￥1,068.00')).toBe(true);
		for (const l of lines) expect(displayWidth(l)).toBe(32);
	});

	it('produces only lines of exactly the paper width, whatever the text', () => {
		const next = rng(3);
		for (const cols of PAPERS) {
			for (let i = 0; i < 300; i++) {
				for (const l of leftRight(randomText(next, 60), randomText(next, 30), cols)) {
					expect(displayWidth(l)).toBe(cols);
				}
			}
		}
	});
});

describe('columns', () => {
	it.each(PAPERS)(
		'lays out a receipt table in exactly %i columns, wrapping Chinese in its cell',
		(cols) => {
			const lines = columns(
				[
					{ text: '公共区域电梯运行维护费分摊（2026年1月）' },
					{ text: '12', width: 4, align: 'right' },
					{ text: '￥368.50', width: 10, align: 'right' }
				],
				cols
			);
			expect(lines.length).toBeGreaterThan(1);
			for (const l of lines) expect(displayWidth(l)).toBe(cols);
			expect(lines[0]!.endsWith('￥368.50')).toBe(true);
		}
	);

	it('produces only lines of exactly the paper width for random cells', () => {
		const next = rng(4);
		for (const cols of PAPERS) {
			for (let i = 0; i < 200; i++) {
				const cells = [
					{ text: randomText(next, 40) },
					{ text: randomText(next, 10), width: 5, align: 'center' as const },
					{ text: randomText(next, 12), width: 9, align: 'right' as const }
				];
				for (const l of columns(cells, cols)) expect(displayWidth(l)).toBe(cols);
			}
		}
	});

	it('refuses fixed widths wider than the paper (a template written for 80 mm on 58 mm)', () => {
		expect(() =>
			columns(
				[
					{ text: 'a', width: 30 },
					{ text: 'b', width: 20 }
				],
				32
			)
		).toThrow(RangeError);
	});
});

describe('divider', () => {
	it('fills the paper with ASCII or double-width rule characters', () => {
		expect(divider(32)).toBe('-'.repeat(32));
		expect(displayWidth(divider(33, '─'))).toBe(33);
		expect(displayWidth(divider(48, '='))).toBe(48);
	});
});
