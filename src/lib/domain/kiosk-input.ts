import { z } from 'zod';

/**
 * The text fields of public JSON bodies that services read as text (a kiosk's tracking and
 * check-in, a door panel's press), checked for their type before the service sees them: an
 * object, array, number or boolean where text belongs is refused (400 `error.invalid`), never
 * turned into text. What the text must say is the service's business (a wrong number or code
 * is refused there, and counted against the caller).
 */
const text = (max: number) => z.string().max(max);

/** POST /api/track: `{ number, phoneTail }` (either may be missing: the answer is the same). */
export const trackInputSchema = z.object({
	number: text(40).optional(),
	phoneTail: text(40).optional()
});

/** POST /api/kiosk/checkin: `{ code }`, typed or scanned (text ending in the six digits). */
export const checkInInputSchema = z.object({ code: text(500).optional() });

/** POST /api/rooms/panel: which room, and what unlocks the press (the rest: panelActionSchema). */
export const panelPressSchema = z.object({
	roomId: text(64).optional(),
	device: text(200).nullish(),
	pin: text(40).nullish()
});
