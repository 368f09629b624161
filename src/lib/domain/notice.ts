import { z } from 'zod';

/** Normal notices rotate; urgent ones show as a banner; an emergency takes over every screen. */
export const NOTICE_LEVELS = ['normal', 'urgent', 'emergency'] as const;

export const noticeSchema = z.object({
	id: z.string(),
	at: z.string(),
	level: z.enum(NOTICE_LEVELS),
	title: z.string(),
	body: z.string(),
	createdBy: z.string(),
	clearedAt: z.string().nullable(),
	clearedBy: z.string().nullable()
});
export type Notice = z.infer<typeof noticeSchema>;

export const newNoticeSchema = z.object({
	level: z.enum(NOTICE_LEVELS, { error: 'error.noticeLevel' }).default('normal'),
	title: z
		.string({ error: 'error.noticeTitleRequired' })
		.trim()
		.min(1, { error: 'error.noticeTitleRequired' })
		.max(60, { error: 'error.noticeTitleTooLong' }),
	body: z.string().trim().max(500, { error: 'error.noticeBodyTooLong' }).default('')
});
export type NewNotice = z.infer<typeof newNoticeSchema>;

/** What a public screen gets of a notice: no author. */
export interface PublicNotice {
	id: string;
	level: Notice['level'];
	title: string;
	body: string;
	at: string;
}

export function publicNotice(n: Notice): PublicNotice {
	return { id: n.id, level: n.level, title: n.title, body: n.body, at: n.at };
}
