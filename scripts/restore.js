// `npm run restore FILE [FOLDER]`: restores a backup made by Foyer into FOLDER (default:
// DATA_DIR, or data), which must be empty or not exist yet. Every file's length and SHA-256
// are checked against the archive's manifest before anything is put in place; a damaged or
// altered archive, or a folder that is not empty, is refused and nothing changes.
import { join, resolve } from 'node:path';
import { buildIfStale } from './start.js';

const root = new URL('..', import.meta.url).pathname;
const [file, folder] = process.argv.slice(2);
if (!file) {
	console.error('Usage: npm run restore FILE [FOLDER]   (FOLDER defaults to DATA_DIR or ./data)');
	process.exit(2);
}
const target = resolve(folder || process.env.DATA_DIR || 'data');
buildIfStale();
const { restoreArchive } = await import(join(root, 'build/foyer/main.js'));
try {
	const manifest = await restoreArchive(resolve(file), target);
	const bytes = manifest.files.reduce((n, f) => n + f.size, 0);
	console.log(
		`Restored ${manifest.files.length} files (${(bytes / 1024 / 1024).toFixed(2)} MB) made ` +
			`${manifest.createdAt} by Foyer ${manifest.foyer} into ${target}; every checksum matched.`
	);
	console.log(`Start Foyer on it with DATA_DIR=${target} npm start`);
} catch (e) {
	console.error(`Not restored: ${e instanceof Error ? e.message : e}`);
	process.exit(1);
}
