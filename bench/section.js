/**
 * Runs one benchmark section in its own process (forked by scripts/bench.js), so each starts
 * with a clean heap and a failure or leak in one cannot skew the next. Sends the result back
 * over IPC; progress goes to stderr.
 *
 * Usage: node bench/section.js <section> '<options as JSON>' (sections: SECTIONS below)
 */
const SECTIONS = [
	'push',
	'store',
	'startup',
	'payment',
	'export',
	'door-panel',
	'import',
	'shipped',
	'payment-real',
	'reports',
	'cluster',
	'sites'
];
const [name, options = '{}'] = process.argv.slice(2);
if (!SECTIONS.includes(name ?? '')) {
	console.error(`usage: node bench/section.js <${SECTIONS.join('|')}> [options-json]`);
	process.exit(2);
}
// If the orchestrator dies, do not linger: the exit hook in lib/proc.js cleans up.
process.on('disconnect', () => process.exit(1));
// Run by hand (no orchestrator): freeze the current build/ ourselves, without rebuilding.
if (!process.env.FOYER_BENCH_APP) {
	const { prepareApp } = await import('./lib/app.js');
	process.env.FOYER_BENCH_APP = (await prepareApp({ build: false })).dir;
}
const section = await import(`./${name}.js`);
const result = await section.run(JSON.parse(options));
if (process.send) process.send({ type: 'result', result }, () => process.exit(0));
else {
	section.report(result);
	process.exit(0);
}
