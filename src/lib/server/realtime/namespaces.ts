import type { Namespace, Server, Socket } from 'socket.io';
import {
	DESK_NAMESPACE,
	PUBLIC_NAMESPACE,
	type DeskClientToServer,
	type DeskServerToClient,
	type PublicClientToServer,
	type PublicServerToClient
} from '$lib/realtime/events';
import type { ActiveSession } from '../staff/sessions';

/** What the server keeps on a socket: a desk socket's session, a paired screen's device. */
type DeskData = { session: ActiveSession };
type PublicData = { deviceId?: string };

export type PublicNs = Namespace<
	PublicClientToServer,
	PublicServerToClient,
	Record<string, never>,
	PublicData
>;
export type DeskNs = Namespace<
	DeskClientToServer,
	DeskServerToClient,
	Record<string, never>,
	DeskData
>;
export type PublicSocket = Parameters<Parameters<PublicNs['on']>[1]>[0];
export type DeskSocket = Socket<
	DeskClientToServer,
	DeskServerToClient,
	Record<string, never>,
	DeskData
>;

/*
 * One Server, two audiences with their own event maps. Socket.IO types every namespace of a
 * Server with the Server's one set of maps, so each namespace is given its own here, from the
 * contract in $lib/realtime/events, and nowhere else.
 */

/** The `/public` namespace: kiosks, boards and door panels. */
export function publicNamespace(io: Server): PublicNs {
	return io.of(PUBLIC_NAMESPACE) as unknown as PublicNs;
}

/** The `/desk` namespace: staff, authenticated from the session cookie. */
export function deskNamespace(io: Server): DeskNs {
	return io.of(DESK_NAMESPACE) as unknown as DeskNs;
}
