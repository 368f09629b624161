type Sink = (level: 'warn' | 'error', message: string, error?: unknown) => void;

const toConsole: Sink = (level, message, error) =>
	error === undefined ? console[level](message) : console[level](message, error);

let sink: Sink = toConsole;

/**
 * Where the few lines from deep inside the store go (a torn line dropped at start, a day that
 * takes no more writes, a broken database connection): the process's logger once a server has
 * set it, the console before. Process-wide, like the stdout it ends on: threading a logger
 * through every file and connection the store opens would be all plumbing.
 */
export function operational(level: 'warn' | 'error', message: string, error?: unknown): void {
	sink(level, message, error);
}

/** Sends operational lines to `to` (a server's logger); returns the function that undoes it. */
export function setOperationalSink(to: Sink): () => void {
	sink = to;
	return () => {
		if (sink === to) sink = toConsole;
	};
}
