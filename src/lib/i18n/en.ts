import { en_base } from './base.en';
import { en_desk } from './desk.en';
import { en_billing } from './billing.en';
import { en_devices } from './devices.en';
import { en_fees } from './fees.en';
import { en_work } from './work.en';
import { en_rooms } from './rooms.en';
import { en_boards } from './boards.en';
import { en_roomsboard } from './roomsboard.en';
import { en_workdesk } from './workdesk.en';
import { en_roomsdesk } from './roomsdesk.en';
import { en_workkiosk } from './workkiosk.en';
import { en_roomskiosk } from './roomskiosk.en';
import { en_kioskvisit } from './kioskvisit.en';
import { en_data } from './data.en';
import { en_site } from './site.en';
import { en_payments } from './payments.en';
import { en_paykiosk } from './paykiosk.en';
import { en_reportsdesk } from './reportsdesk.en';
import type { MessageKey } from './keys';
import { en_printing } from './printing.en';
import { en_limits } from './limits.en';
import { en_figures } from './figures.en';

import { en_company } from './company.en';
/** English: complete, key for key with zh-CN (a unit test holds them equal). */
export const en = {
	...en_fees,
	...en_billing,
	...en_work,
	...en_rooms,
	...en_boards,
	...en_roomsboard,
	...en_workdesk,
	...en_roomsdesk,
	...en_workkiosk,
	...en_roomskiosk,
	...en_kioskvisit,
	...en_printing,
	...en_devices,
	...en_limits,
	...en_data,
	...en_site,
	...en_payments,
	...en_paykiosk,
	...en_figures,
	...en_reportsdesk,
	...en_company,
	...en_base,
	...en_desk
} as const satisfies Record<MessageKey, string>;
