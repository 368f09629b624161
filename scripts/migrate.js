// `npm run migrate -- --from DATA_DIR --to DATABASE_URL --site NAME`: moves a lobby PC's data
// folder into the company's PostgreSQL as one site, verified figure by figure, in one
// transaction. `--from DATABASE_URL --site NAME --to DATA_DIR` exports a site back into a new
// data folder. See docs/store.md, "Moving a site".
import { join } from 'node:path';
import { buildIfStale } from './start.js';

const root = new URL('..', import.meta.url).pathname;
buildIfStale();
const { runMigrate } = await import(join(root, 'build/foyer/migrate.js'));
const code = await runMigrate(process.argv.slice(2), {
	log: (line) => console.log(line),
	error: (line) => console.error(line)
});
process.exit(code);
