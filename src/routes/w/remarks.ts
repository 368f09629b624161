import type { Translate } from '$lib/i18n';

/**
 * Ready-made remarks for a rating (keys: rating.remark.<id>), so nothing has to be typed:
 * praise for a good score, what went wrong for a low one. Used by the kiosk and the phone.
 */
export const REMARKS = {
	good: ['fast', 'friendly', 'skilled', 'tidy'],
	bad: ['slow', 'notFixed', 'late', 'unfriendly']
} as const;

export type RemarkId = (typeof REMARKS)[keyof typeof REMARKS][number];

const ALL: readonly RemarkId[] = [...REMARKS.good, ...REMARKS.bad];

function isRemarkId(id: string): id is RemarkId {
	return ALL.some((r) => r === id);
}

/** The remarks that fit a score (4–5: praise; 1–3: complaints). */
export function remarksFor(score: number): readonly RemarkId[] {
	return score >= 4 ? REMARKS.good : REMARKS.bad;
}

/**
 * The rating's remark as staff will read it: the chosen remarks in the resident's language,
 * then anything typed. Unknown ids are dropped.
 */
export function remarkText(t: Translate, ids: readonly string[], typed = ''): string {
	const chosen = ids.filter(isRemarkId).map((id) => t(`rating.remark.${id}`));
	return [...chosen, typed.trim()].filter(Boolean).join(t('list.separator'));
}
