import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { FoyerError } from '$lib/domain/errors';
import { loginSchema, type Staff } from '$lib/domain/staff';
import type { Clock } from '$lib/domain/time';
import { verifyNobody, verifyPassword } from './password';
import {
	AttemptLimiter,
	attemptLimit,
	reserveAttempt,
	type Attempt
} from '../http/attempt-limiter';
import type { DomainEventBus } from '../events';
import type { Doc, FoyerStore, SharedAttempts } from '../store/contract';
import type { AuditService } from '../audit/audit';
import type { StaffService } from './staff';
import type { OutsideAccounts } from './outside';

export const SESSION_COOKIE = 'foyer_session';
/** A desk session ends after 12 h without activity (one shift). */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** lastSeen is written at most this often, so browsing the desk does not write on every click. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

const sessionSchema = z.object({
	hash: z.string(),
	staffId: z.string(),
	createdAt: z.string(),
	lastSeenAt: z.string()
});
const sessionsFileSchema = z.object({ sessions: z.array(sessionSchema) });
type SessionsFile = z.infer<typeof sessionsFileSchema>;

export interface ActiveSession {
	staff: Staff;
	sessionHash: string;
}

/** Sets the session cookie: HttpOnly, SameSite=Strict, Secure only over https (a LAN desk on
 * plain http must get it back). */
export function setSessionCookie(
	cookies: { set(name: string, value: string, o: CookieOptions): void },
	token: string,
	url: URL
): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'strict',
		secure: url.protocol === 'https:',
		maxAge: SESSION_IDLE_MS / 1000
	});
}

interface CookieOptions {
	path: string;
	httpOnly: boolean;
	sameSite: 'strict';
	secure: boolean;
	maxAge: number;
}

/** Only a hash of a session token is stored: a copy of the data folder logs nobody in. */
export function tokenHash(token: string): string {
	return createHash('sha256').update(token).digest('base64url');
}

/** What the desk's log-in needs. */
export interface AuthDeps {
	clock: Clock;
	staff: StaffService;
	audit: AuditService;
	events: DomainEventBus;
	/**
	 * The company's accounts that may sign in here too (docs/company.md); none on a lobby PC.
	 * A site's own account wins over a company account of the same name.
	 */
	outside?: OutsideAccounts | undefined;
}

/**
 * Desk log-in, sessions and log-out: the site's own staff, and company accounts with roles at
 * this site (or head office), which act here with their roles here.
 */
export class AuthService {
	readonly #byUser: AttemptLimiter;
	readonly #byAddress: AttemptLimiter;

	private constructor(
		private readonly doc: Doc<SessionsFile>,
		private readonly deps: AuthDeps,
		attempts: SharedAttempts | null
	) {
		this.#byUser = attemptLimit(deps.clock, attempts, 'login.user', 5, 15 * 60_000);
		this.#byAddress = attemptLimit(deps.clock, attempts, 'login.address', 20, 15 * 60_000);
	}

	static async open(store: FoyerStore, deps: AuthDeps): Promise<AuthService> {
		const doc = await store.doc('sessions', {
			defaults: { sessions: [] },
			parse: (d) => sessionsFileSchema.parse(d)
		});
		const auth = new AuthService(doc, deps, store.attempts);
		deps.events.on('staff:changed', ({ staffId }) => void auth.#endInactive(staffId));
		return auth;
	}

	/**
	 * Checks a password and opens a session. Returns the token for the cookie. The attempt is
	 * counted against the account (5) and the address (20 in 15 min) before the hash runs, and
	 * taken back if the password is right; the hash itself waits its turn in `hashing` (one per
	 * address at a time: a second log-in from an address still being checked is refused at once).
	 */
	async login(input: unknown, address: string): Promise<{ token: string; staff: Staff }> {
		const { username, password } = loginSchema.parse(input);
		const attempt = await reserveAttempt(
			[
				{ limiter: this.#byUser, key: username, clearOnPass: true },
				{ limiter: this.#byAddress, key: address }
			],
			'error.tooManyAttempts',
			'login'
		);
		const outside = this.deps.outside;
		let staff: Staff | undefined;
		let company: Attempt | null = null;
		let ok: boolean;
		try {
			staff = this.deps.staff.byUsername(username);
			if (!staff && outside) {
				// A company account's attempts count once for every site it may sign in at.
				company = await outside.reserve(username);
				staff = await outside.byUsername(username);
			}
			const who = { address, account: username };
			ok = staff
				? await verifyPassword(password, staff.passwordHash, who)
				: await verifyNobody(who);
		} catch (e) {
			// Refused before hashing (the address is busy) or the hash failed: no guess was made.
			attempt.cancelled();
			company?.cancelled();
			throw e;
		}
		if (!staff || !ok || !staff.active) {
			await this.deps.audit.record(null, 'auth.loginFailed', null, { username, address });
			throw new FoyerError('error.loginFailed', {}, 401);
		}
		company?.passed();
		attempt.passed();
		const token = randomBytes(32).toString('base64url');
		const now = this.deps.clock.now().toISOString();
		const staffId = staff.id;
		await this.doc.update((d) => {
			d.sessions = d.sessions.filter((s) => this.#fresh(s.lastSeenAt));
			d.sessions.push({
				hash: tokenHash(token),
				staffId,
				createdAt: now,
				lastSeenAt: now
			});
		});
		await this.deps.audit.record({ id: staff.id, username }, 'auth.login', null, { address });
		return { token, staff };
	}

	/** The live session for a token, or null. Keeps an active session alive. */
	async session(token: string | undefined): Promise<ActiveSession | null> {
		if (!token) return null;
		const hash = tokenHash(token);
		// A session made a moment ago through another server process may not be here yet.
		if (!this.doc.data.sessions.some((x) => x.hash === hash)) await this.doc.refresh();
		const s = this.doc.data.sessions.find((x) => x.hash === hash);
		if (!s || !this.#fresh(s.lastSeenAt)) return null;
		// A company account acts with its roles here as they are now: removed, no session.
		const staff = this.#account(s.staffId);
		if (!staff?.active) return null;
		const now = this.deps.clock.now();
		if (now.getTime() - Date.parse(s.lastSeenAt) > TOUCH_EVERY_MS) {
			await this.doc.update((d) => {
				const x = d.sessions.find((y) => y.hash === hash);
				if (x) x.lastSeenAt = now.toISOString();
			});
		}
		return { staff, sessionHash: hash };
	}

	/** Ends a session; its sockets are disconnected too. */
	async logout(token: string): Promise<void> {
		const hash = tokenHash(token);
		const s = this.doc.data.sessions.find((x) => x.hash === hash);
		if (!s) return;
		await this.doc.update((d) => void (d.sessions = d.sessions.filter((x) => x.hash !== hash)));
		const staff = this.#account(s.staffId);
		await this.deps.audit.record(
			staff ? { id: staff.id, username: staff.username } : null,
			'auth.logout'
		);
		this.deps.events.emit('session:ended', { sessionHash: hash });
	}

	/** The site's staff member, or the company account as it acts here, with this id. */
	#account(id: string): Staff | undefined {
		return this.deps.staff.byId(id) ?? this.deps.outside?.byId(id);
	}

	#fresh(lastSeenAt: string): boolean {
		return this.deps.clock.now().getTime() - Date.parse(lastSeenAt) < SESSION_IDLE_MS;
	}

	/** A deactivated account's sessions end at once, sockets included. */
	async #endInactive(staffId: string): Promise<void> {
		const ended = this.doc.data.sessions.filter((s) => s.staffId === staffId);
		const staff = this.#account(staffId);
		if (ended.length === 0 || staff?.active) return;
		await this.doc.update(
			(d) => void (d.sessions = d.sessions.filter((s) => s.staffId !== staffId))
		);
		for (const s of ended) this.deps.events.emit('session:ended', { sessionHash: s.hash });
	}
}
