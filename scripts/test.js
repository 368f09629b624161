// `npm test`: the one gate. Installs what the browser tests need, then runs formatting, lint,
// type checks, the build, unit + integration tests (vitest) and browser tests (Playwright),
// stopping at the first failure. Ends with one line: "foyer: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfStale } from './start.js';
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

function finish(code) {
	for (const [title, ms] of timings)
		console.log(`${(ms / 1000).toFixed(1).padStart(7)} s  ${title}`);
	console.log(`\nfoyer: ${passed} passed, ${failed + (code && !failed ? 1 : 0)} failed`);
	process.exit(code);
}

/** Debian's Chromium, installed when missing and we may (root); Playwright drives it. */
function ensureChromium() {
	if (existsSync('/usr/bin/chromium') || process.env.CHROMIUM_PATH) return;
	if (process.getuid?.() !== 0) {
		console.log(
			'Chromium is not installed and this is not root: Playwright will use its own browser.'
		);
		return;
	}
	run('Installing Debian chromium (once)', 'sh', [
		'-c',
		'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null'
	]);
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
run('Formatting (prettier)', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
run('Sync SvelteKit types', 'npx', ['svelte-kit', 'sync']);
run('Lint (eslint, type-aware, zero warnings)', 'npx', ['eslint', '.', '--max-warnings', '0']);
run('Types (svelte-check)', 'npx', [
	'svelte-check',
	'--tsconfig',
	'./tsconfig.json',
	'--fail-on-warnings'
]);
console.log('\n▶ Build (when sources changed)');
const buildStarted = performance.now();
buildIfStale();
timings.push(['Build (when sources changed)', performance.now() - buildStarted]);
await ensurePostgres();
const vitestJson = join(reports, 'vitest.json');
run('Unit and integration tests (vitest)', 'npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${vitestJson}`
]);
count(vitestJson, (j) => ({ passed: j.numPassedTests, failed: j.numFailedTests }));
const pwJson = join(reports, 'playwright.json');
run('Browser tests (Playwright, Chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
	PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson
});
count(pwJson, (j) => ({ passed: j.stats.expected, failed: j.stats.unexpected }));
finish(0);
