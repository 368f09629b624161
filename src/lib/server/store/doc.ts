import { Low } from 'lowdb';
import type { Doc, DocOptions } from './contract';
import { DurableJSONFile } from './durable-file';
import type { WriteGate } from './gate';

/**
 * The embedded Doc: lowdb over a DurableJSONFile, so the whole document is rewritten on each
 * update (fine for small documents) and an update resolves only once it is fsync'd.
 * (Not lowdb's JSON file preset: it silently keeps data in memory when NODE_ENV=test.)
 */
export class JsonDoc<T> implements Doc<T> {
	private constructor(
		private readonly db: Low<T>,
		private readonly adapter: DurableJSONFile<T>
	) {}

	/** Reads `file` (or starts from the defaults); throws StoreFileError when it is unreadable. */
	static async open<T>(
		file: string,
		options: DocOptions<T>,
		gate?: WriteGate
	): Promise<JsonDoc<T>> {
		const adapter = new DurableJSONFile<T>(file, { parse: options.parse, gate });
		const db = new Low<T>(adapter, options.defaults);
		await db.read();
		return new JsonDoc(db, adapter);
	}

	get data(): T {
		return this.db.data;
	}

	async update(change: (data: T) => void): Promise<void> {
		change(this.db.data);
		await this.db.write();
	}

	/** One process owns the folder: the memory is always current. */
	refresh(): Promise<void> {
		return Promise.resolve();
	}

	flush(): Promise<void> {
		return this.adapter.flush();
	}
}
