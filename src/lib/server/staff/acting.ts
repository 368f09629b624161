import { demand, type Acting, type Permission } from '$lib/domain/permissions';
import type { Actor } from '../audit/audit';

/** Who the audit log names for someone acting: id and username, nothing more. */
export function auditActor(who: Acting): Exclude<Actor, null> {
	return { id: who.id, username: who.username };
}

/**
 * Refuses (403) unless `who` may take `action` by the one permission table; `null` is Foyer
 * itself (the demo seed, a start-up reset), which may. Returns who the audit log names.
 */
export function authorize(who: Acting | null, action: Permission): Actor {
	if (who) demand(who.roles, action);
	return who && auditActor(who);
}
