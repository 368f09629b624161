// `npm test`: the one gate. Installs what the browser tests need, then runs formatting beside
// the build, lint + type checks beside the unit + integration tests (vitest), the integration tests
// that run alone, and browser tests (Playwright), stopping at the first failure. Ends with one
// line: "foyer: N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FULL_BROWSER, HEADLESS_SHELL } from './chromium.js';
import { buildIsStale } from './start.js';
import { startPrivatePostgres } from './postgres.js';

const root = new URL('..', import.meta.url).pathname;
const reports = mkdtempSync(join(tmpdir(), 'foyer-test-reports-'));
let passed = 0;
let failed = 0;

/** How long each stage took, printed at the end so a slow stage is easy to spot. */
const timings = [];

function run(title, command, args, env = {}) {
	console.log(`\n▶ ${title}`);
	const started = performance.now();
	const r = spawnSync(command, args, {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, ...env }
	});
	timings.push([title, performance.now() - started]);
	if (r.status !== 0) {
		console.error(`\n✖ ${title} failed`);
		finish(r.status ?? 1);
	}
}

/**
 * As `run`, without blocking the event loop meanwhile: a stage started beside it is then timed
 * when it ends, not when this one does.
 */
async function runAsync(title, command, args) {
	console.log(`\n▶ ${title}`);
	const started = performance.now();
	const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env });
	const status = await new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
	timings.push([title, performance.now() - started]);
	if (status !== 0) {
		console.error(`\n✖ ${title} failed`);
		finish(status);
	}
}

/**
 * Starts a stage beside the ones that follow, and resolves with its exit code. Its output goes
 * to a file, printed by `awaitBeside`, so it does not interleave with theirs.
 */
function startBeside(title, command, args) {
	const log = join(reports, `${title.replace(/\W+/g, '-')}.log`);
	const fd = openSync(log, 'w');
	const started = performance.now();
	// A process group of its own, so that stopping it stops what its shell started too.
	const child = spawn(command, args, {
		cwd: root,
		stdio: ['ignore', fd, fd],
		env: process.env,
		detached: true
	});
	closeSync(fd);
	besides.add(child);
	const done = new Promise((resolve) =>
		child.once('exit', (code) => {
			besides.delete(child);
			timings.push([`${title} (beside the next stages)`, performance.now() - started]);
			resolve(code ?? 1);
		})
	);
	return { title, log, done };
}

/** Children started by `startBeside` still running: stopped when `npm test` stops early. */
const besides = new Set();

/** Stops every stage still running beside (their process groups). */
function stopBesides() {
	for (const child of besides) {
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			/* already gone */
		}
	}
}
// Whatever ends `npm test` early also stops what runs beside.
process.on('exit', stopBesides);

/** Prints what a stage started with `startBeside` said, and stops here when it failed. */
async function awaitBeside(stage) {
	const status = await stage.done;
	if (stage.printed) return;
	stage.printed = true;
	console.log(`\n▶ ${stage.title}`);
	process.stdout.write(readFileSync(stage.log, 'utf8'));
	if (status !== 0) {
		console.error(`\n✖ ${stage.title} failed`);
		finish(status);
	}
}

/**
 * Runs a stage while `beside` runs, as `run` does, but stops it at once when `beside` fails
 * first: a lint error need not wait for every integration file.
 */
async function runBeside(beside, title, command, args) {
	console.log(`\n▶ ${title}`);
	const started = performance.now();
	const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env });
	const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
	const first = await Promise.race([
		exited.then((code) => ({ code })),
		beside.done.then((code) => ({ besideFailed: code !== 0 }))
	]);
	if (first.besideFailed) {
		child.kill('SIGTERM');
		await exited;
		await awaitBeside(beside);
	}
	const status = await exited;
	timings.push([title, performance.now() - started]);
	if (status !== 0) {
		console.error(`\n✖ ${title} failed`);
		finish(status);
	}
}

function finish(code) {
	stopBesides();
	for (const [title, ms] of timings)
		console.log(`${(ms / 1000).toFixed(1).padStart(7)} s  ${title}`);
	console.log(`\nfoyer: ${passed} passed, ${failed + (code && !failed ? 1 : 0)} failed`);
	process.exit(code);
}

/**
 * Debian's Chromium headless shell (scripts/chromium.js), installed with CJK fonts when missing
 * and we may (root); Playwright drives it. Without root, an installed full Chromium serves.
 */
function ensureChromium() {
	if (existsSync(HEADLESS_SHELL) || process.env.CHROMIUM_PATH) return;
	if (process.getuid?.() !== 0) {
		console.log(
			existsSync(FULL_BROWSER)
				? 'The Chromium headless shell is not installed and this is not root: the tests use the full Chromium.'
				: 'Chromium is not installed and this is not root: Playwright will use its own browser.'
		);
		return;
	}
	const title = 'Installing Debian chromium-headless-shell and CJK fonts (once)';
	const install = [
		'-c',
		'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell fonts-noto-cjk >/dev/null'
	];
	// A full Chromium already there still serves if the shell cannot be installed (an older
	// package list): slower, not wrong.
	if (existsSync(FULL_BROWSER)) {
		console.log(`\n▶ ${title}`);
		const r = spawnSync('sh', install, { stdio: 'inherit' });
		if (r.status !== 0)
			console.log('The headless shell could not be installed: the tests use the full Chromium.');
		return;
	}
	run(title, 'sh', install);
}

/**
 * A private PostgreSQL for the store's PostgreSQL tests (scripts/postgres.js: Debian's package,
 * installed when missing and we are root; a temp cluster on a loopback port, removed on exit),
 * handed to vitest as TEST_DATABASE_URL. One given from outside is used as it is.
 */
async function ensurePostgres() {
	if (process.env.TEST_DATABASE_URL) return;
	console.log('\n▶ Private PostgreSQL for the store tests');
	const started = Date.now();
	const pg = await startPrivatePostgres().catch((e) => {
		console.error(`\n✖ Private PostgreSQL failed: ${e.message}`);
		finish(1);
	});
	if (!pg) return;
	process.env.TEST_DATABASE_URL = pg.url;
	console.log(`PostgreSQL ready in ${Date.now() - started} ms on ${new URL(pg.url).host}`);
}

/**
 * Debian's poppler-utils (pdftotext), installed when missing and we may: the reports' browser
 * test reads the text of the pack Chromium prints to PDF with it (716 KB, no npm dependency).
 */
function ensurePdfText() {
	if (existsSync('/usr/bin/pdftotext') || process.getuid?.() !== 0) return;
	run('Installing Debian poppler-utils for pdftotext (once)', 'sh', [
		'-c',
		'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null'
	]);
}

function count(file, pick) {
	try {
		const r = pick(JSON.parse(readFileSync(file, 'utf8')));
		passed += r.passed;
		failed += r.failed;
	} catch {
		/* a runner that failed before reporting is counted by its exit code */
	}
}

ensureChromium();
ensurePdfText();
// Formatting beside the sync and the build: prettier reads the sources on one core, the build
// writes only build/ and .svelte-kit/, which prettier ignores (.prettierignore). Its output is
// printed, and a failure stops here, once the build is done.
const formatting = startBeside('Formatting (prettier)', 'npx', [
	'prettier',
	'--check',
	'.',
	'--log-level',
	'warn'
]);
await runAsync('Sync SvelteKit types', 'npx', ['svelte-kit', 'sync']);
// The build before lint and types: it rewrites .svelte-kit/ (tsconfig, generated types), which
// eslint and svelte-check read, so they must not run while it does.
if (buildIsStale()) await runAsync('Build (sources changed)', 'npm', ['run', 'build', '--silent']);
else console.log('\n▶ Build: up to date');
await awaitBeside(formatting);
await ensurePostgres();
// Lint and types, one after the other on one core, beside the unit and integration files: those
// spend most of their time waiting on the servers they boot, so the two cores are not both busy
// (docs/testing.md, "What was measured"). The files that must not share the cores run after.
const staticChecks = startBeside(
	'Lint (eslint, type-aware, zero warnings) and types (svelte-check)',
	'sh',
	[
		'-c',
		'npx eslint . --max-warnings 0 && npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings'
	]
);
// FOYER_TEST_SERIAL=1: lint and types first, then the tests (a busy machine, or to compare).
if (process.env.FOYER_TEST_SERIAL === '1') await awaitBeside(staticChecks);
const vitestJson = join(reports, 'vitest.json');
await runBeside(staticChecks, 'Unit and integration tests (vitest)', 'npx', [
	'vitest',
	'run',
	'--project',
	'unit',
	'--project',
	'integration',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${vitestJson}`
]);
count(vitestJson, (j) => ({ passed: j.numPassedTests, failed: j.numFailedTests }));
await awaitBeside(staticChecks);
const aloneJson = join(reports, 'vitest-alone.json');
run('Integration tests that run alone (vitest)', 'npx', [
	'vitest',
	'run',
	'--project',
	'integration-alone',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${aloneJson}`
]);
count(aloneJson, (j) => ({ passed: j.numPassedTests, failed: j.numFailedTests }));
const pwJson = join(reports, 'playwright.json');
run('Browser tests (Playwright, Chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
	PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson
});
count(pwJson, (j) => ({ passed: j.stats.expected, failed: j.stats.unexpected }));
finish(0);
