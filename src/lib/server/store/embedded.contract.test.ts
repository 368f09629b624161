import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from './contract.test-suite';
import { Store } from './store';

// The embedded store on a real temp folder: real files, real fsyncs.
describeStoreContract('embedded (lowdb documents + day logs)', async () => {
	const dir = await mkdtemp(join(tmpdir(), 'foyer-contract-'));
	const file = (name: string, day: string) => join(dir, name, `${day}.log`);
	return {
		open: ({ clock, timeZone }) => Store.open({ dir, clock, timeZone }),
		// In one process a crash is a store that is dropped: nothing flushed or closed. What is
		// acknowledged is on disk already; the lock left behind is our own pid's, which a new
		// open takes over as it takes over a dead server's.
		crash: async () => {},
		plant: (name, day, record) => appendFile(file(name, day), JSON.stringify(record) + '\n'),
		where: file,
		dispose: () => rm(dir, { recursive: true, force: true, maxRetries: 5 })
	};
});
