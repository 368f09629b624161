import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join, relative } from 'node:path';

/** One malformed request body: its name, content type (none: no header) and bytes. */
export interface Shape {
	name: string;
	type?: string;
	body: string | Blob | FormData;
	headers?: Record<string, string>;
}

const nested = (depth: number, inner = '') => '['.repeat(depth) + inner + ']'.repeat(depth);

/** Whole bodies no JSON endpoint takes: not JSON, not an object, too deep, the wrong type. */
export const JSON_SHAPES: Shape[] = [
	{ name: 'null', type: 'application/json', body: 'null' },
	{ name: 'array', type: 'application/json', body: '[]' },
	{ name: 'array of objects', type: 'application/json', body: '[{"visit":"x"}]' },
	{ name: 'string', type: 'application/json', body: '"x"' },
	{ name: 'number', type: 'application/json', body: '42' },
	{ name: 'boolean', type: 'application/json', body: 'true' },
	{ name: 'broken JSON', type: 'application/json', body: '{"visit":' },
	{ name: 'arrays 100 deep', type: 'application/json', body: nested(100) },
	{
		name: 'objects 100 deep',
		type: 'application/json',
		body: '{"a":'.repeat(100) + '1' + '}'.repeat(100)
	},
	{ name: 'text/plain', type: 'text/plain', body: '{"visit":"x"}' },
	{ name: 'form-encoded', type: 'application/x-www-form-urlencoded', body: 'visit=x' },
	{ name: 'broken multipart', type: 'multipart/form-data; boundary=zz', body: '--zz\r\nnonsense' },
	{ name: 'no content type', body: new Blob(['{"visit":"x"}']) }
];

/** The fields Foyer's JSON bodies carry; each hostile body sets all of them to one value. */
const FIELDS = [
	...['visit', 'device', 'code', 'number', 'phoneTail', 'roomId', 'action', 'bookingId'],
	...['minutes', 'pin', 'kind', 'username', 'password', 'title', 'body', 'level', 'service'],
	...['score', 'remarks', 'billIds', 'category', 'where', 'areaId', 'chips', 'text', 'key'],
	...['building', 'entrance', 'room', 'id']
];

/** Values where a string (or a number) is expected. `toString: 1` makes `String(x)` throw. */
const HOSTILE: [string, unknown][] = [
	['objects', { toString: 1, valueOf: 1 }],
	['arrays', ['1', ['2']]],
	['nested arrays', JSON.parse(nested(12, '"1"')) as unknown],
	['numbers', 123456],
	['huge numbers', 1e308],
	['booleans', true],
	['nulls', null],
	['empty objects', {}]
];

/** Objects whose every field is one hostile value; also with a real room so a panel reads on. */
export function hostileBodies(realRoom: string): Shape[] {
	return HOSTILE.flatMap(([name, value]) => {
		const all = Object.fromEntries(FIELDS.map((f) => [f, value]));
		return [
			{ name: `${name} as fields`, type: 'application/json', body: JSON.stringify(all) },
			{
				name: `${name} as fields, real room`,
				type: 'application/json',
				body: JSON.stringify({ ...all, roomId: realRoom })
			}
		];
	});
}

/** Form fields as files: multipart that parses, with a file where every action takes text. */
function filesForm(): FormData {
	const form = new FormData();
	const names = [...FIELDS, 'name', 'period', 'unitId', 'entryId', 'next', 'setupCode', 'silent'];
	for (const f of names) form.append(f, new Blob(['x'], { type: 'text/plain' }), 'x.txt');
	return form;
}

/** Bodies no form action takes. */
export function formShapes(): Shape[] {
	const enhanced = { accept: 'application/json', 'x-sveltekit-action': 'true' };
	return [
		{ name: 'text/plain', type: 'text/plain', body: 'title=x' },
		{ name: 'JSON', type: 'application/json', body: '{"title":"x"}' },
		{ name: 'no content type', body: new Blob(['title=x']) },
		{
			name: 'broken multipart',
			type: 'multipart/form-data; boundary=zz',
			body: '--zz\r\nnonsense'
		},
		{ name: 'multipart, no boundary', type: 'multipart/form-data', body: '--zz\r\n\r\n' },
		{
			name: 'broken multipart (enhanced form)',
			type: 'multipart/form-data; boundary=zz',
			body: '--zz\r\nContent-Disposition: form-data; name="title"\r\n\r\nx',
			headers: enhanced
		},
		{ name: 'files for text fields', body: filesForm() }
	];
}

/** Object.prototype's members (and SvelteKit's reserved name) as form action names. */
export const INHERITED_ACTIONS = [
	...['constructor', '__proto__', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf'],
	...['__defineGetter__', 'default']
];

/**
 * Every file of the data folder and its hash. `sessions.json` is left out: a signed-in request
 * may note when its session was last seen, which is not something a refused request stored.
 */
export async function snapshot(dir: string): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	async function walk(d: string): Promise<void> {
		for (const e of await readdir(d, { withFileTypes: true })) {
			const p = join(d, e.name);
			if (e.isDirectory()) await walk(p);
			else if (e.name !== 'sessions.json' && e.name !== 'foyer.lock') {
				out[relative(dir, p)] = createHash('sha1')
					.update(await readFile(p))
					.digest('hex');
			}
		}
	}
	await walk(dir);
	return out;
}

/**
 * Sends `first` (raw bytes: head and body) on one keep-alive connection, waits for its answer,
 * then sends `GET /api/health` on the same connection. Resolves with both status codes; the
 * second is null if no answer came within `ms` (the connection hung).
 */
export function sameConnection(
	port: number,
	first: Buffer,
	ms = 5000
): Promise<{ first: number | null; second: number | null }> {
	return new Promise((resolve, reject) => {
		const socket = connect(port, '127.0.0.1');
		let seen = '';
		let sentSecond = false;
		const statuses = () => [...seen.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
		const done = () => {
			clearTimeout(timer);
			socket.destroy();
			const [a, b] = statuses();
			resolve({ first: a ?? null, second: b ?? null });
		};
		const timer = setTimeout(done, ms);
		socket.on('error', (e) => (statuses().length ? done() : reject(e)));
		socket.on('close', done);
		socket.on('data', (d: Buffer) => {
			seen += d.toString('latin1');
			const n = statuses().length;
			if (n >= 1 && !sentSecond) {
				sentSecond = true;
				socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
			}
			if (n >= 2) done();
		});
		socket.write(first);
	});
}

/** A raw HTTP/1.1 POST with a body of `size` bytes of JSON-ish filler. */
export function rawPost(
	port: number,
	path: string,
	type: string,
	size: number,
	extra = ''
): Buffer {
	const body = Buffer.alloc(size, 'a');
	const head =
		`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
		`Content-Type: ${type}\r\nContent-Length: ${size}\r\nConnection: keep-alive\r\n${extra}\r\n`;
	return Buffer.concat([Buffer.from(head), body]);
}
