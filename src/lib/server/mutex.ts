/**
 * Runs async sections one at a time. Check-then-write rules (the next ticket number, a room
 * that must be free) hold only if no other request interleaves between the check and the
 * write, and awaiting the store yields to other requests.
 */
export class Mutex {
	#tail: Promise<unknown> = Promise.resolve();

	run<T>(section: () => Promise<T>): Promise<T> {
		const result = this.#tail.then(section, section);
		// The next section waits for this one, whether it succeeded or not.
		this.#tail = result.catch(() => undefined);
		return result;
	}
}
