import { isMessageKey, type Translate } from '$lib/i18n';
import { ACTIONS as WORK_STEPS } from '$lib/domain/work-order';

/**
 * What an audit action says to a person, in their language: `workOrder.dispatch` → 工单：派单,
 * `booking.cancelled` → 会议预订：已取消, `fees.paid` → 收费. An action this table does not know
 * (one recorded by a newer version) is named as recorded, marked as other.
 */
export function actionText(action: string, t: Translate): string {
	const dot = action.indexOf('.');
	const area = action.slice(0, dot);
	const what = action.slice(dot + 1);
	if (area === 'workOrder' && (WORK_STEPS as readonly string[]).includes(what)) {
		const step = `workOrder.action.${what}`;
		if (isMessageKey(step)) return t('audit.workOrderStep', { step: t(step) });
	}
	const booking = `desk.rooms.action.${what}`;
	if (area === 'booking' && isMessageKey(booking)) {
		return t('audit.bookingStep', { step: t(booking) });
	}
	const key = `audit.action.${action}`;
	return isMessageKey(key) ? t(key) : t('audit.action.unknown', { action });
}
