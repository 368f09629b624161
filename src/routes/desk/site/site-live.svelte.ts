import { invalidateAll } from '$app/navigation';
import { deskLive } from '../desk-live.svelte';

/**
 * A records page reloads its (paged, searched) data whenever the site changes at another desk
 * or by an import: every change emits site:updated, which the desk's snapshot carries. Call it
 * while the page is being created.
 */
export function reloadOnSiteChange(): void {
	const live = deskLive();
	$effect(() => live.listen());
	let seen: unknown = null;
	$effect(() => {
		const site = live.state?.site ?? null;
		if (seen !== null && site !== seen) void invalidateAll();
		seen = site;
	});
}
