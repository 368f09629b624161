import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { LiveSnapshot } from '$lib/realtime/client.svelte';
import { DESK_NAMESPACE, type DeskSnapshot } from '$lib/realtime/events';

/** A desk page's live connection; when the session ends (log-out elsewhere), back to login. */
export function deskLive(): LiveSnapshot<DeskSnapshot> {
	return new LiveSnapshot<DeskSnapshot>(DESK_NAMESPACE, {
		withCredentials: true,
		onEnded: () => void goto(resolve('/desk/login'))
	});
}
