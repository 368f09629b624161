import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The site a request is being answered for, through everything it awaits: hooks.server.ts runs
 * each request inside `inSite`, so `foyer()` finds that site's services without every route
 * passing them along. Kept on globalThis: the custom server and SvelteKit's bundle each load
 * their own copy of this module, and both must see one context.
 */
const KEY = Symbol.for('foyer.site-context');
const scope = globalThis as Record<symbol, unknown>;
const context = (scope[KEY] ??= new AsyncLocalStorage<unknown>()) as AsyncLocalStorage<unknown>;

/** Runs `fn` (and all it awaits) for the site whose services are `app`. */
export function inSite<T>(app: unknown, fn: () => T): T {
	return context.run(app, fn);
}

/** The services of the site being answered for, if inside `inSite`. */
export function siteInContext(): unknown {
	return context.getStore();
}
