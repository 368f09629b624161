// `npm run accounts -- list | add | set-roles | password | remove …`: the company's accounts
// (head office, people working at several sites) in DATABASE_URL, with roles per site. SITES
// names the sites served, whose staff usernames a company account may not take. See
// docs/company.md.
import { join } from 'node:path';
import { buildIfStale } from './start.js';

const root = new URL('..', import.meta.url).pathname;
buildIfStale();
const { runAccounts } = await import(join(root, 'build/foyer/accounts.js'));
const code = await runAccounts(process.argv.slice(2), {
	log: (line) => console.log(line),
	error: (line) => console.error(line)
});
process.exit(code);
