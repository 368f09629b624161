import { z } from 'zod';
import { msg } from './errors';

/** What a resident types at the kiosk to say who they are: the unit and their phone's last four
 * digits. */
export const identifySchema = z.object({
	building: z.string(msg('error.unitNotFound')).trim().min(1, msg('error.unitNotFound')).max(10),
	entrance: z.string(msg('error.unitNotFound')).trim().min(1, msg('error.unitNotFound')).max(10),
	room: z
		.string(msg('error.roomFormat'))
		.trim()
		.regex(/^\d{3,5}$/, msg('error.roomFormat')),
	phoneTail: z
		.string(msg('error.phoneTailFormat'))
		.trim()
		.regex(/^\d{4}$/, msg('error.phoneTailFormat'))
});
