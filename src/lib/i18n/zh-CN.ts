import { zh_base } from './base.zh-CN';
import { zh_desk } from './desk.zh-CN';
import { zh_billing } from './billing.zh-CN';
import { zh_devices } from './devices.zh-CN';
import { zh_fees } from './fees.zh-CN';
import { zh_work } from './work.zh-CN';
import { zh_rooms } from './rooms.zh-CN';
import { zh_boards } from './boards.zh-CN';
import { zh_roomsboard } from './roomsboard.zh-CN';
import { zh_workdesk } from './workdesk.zh-CN';
import { zh_roomsdesk } from './roomsdesk.zh-CN';
import { zh_workkiosk } from './workkiosk.zh-CN';
import { zh_roomskiosk } from './roomskiosk.zh-CN';
import { zh_kioskvisit } from './kioskvisit.zh-CN';
import { zh_printing } from './printing.zh-CN';
import { zh_limits } from './limits.zh-CN';
import { zh_data } from './data.zh-CN';
import { zh_site } from './site.zh-CN';
import { zh_payments } from './payments.zh-CN';
import { zh_paykiosk } from './paykiosk.zh-CN';
import { zh_figures } from './figures.zh-CN';
import { zh_reportsdesk } from './reportsdesk.zh-CN';

import { zh_company } from './company.zh-CN';
/** Simplified Chinese: the default language. ICU message syntax (intl-messageformat). */
export const zhCN = {
	...zh_fees,
	...zh_billing,
	...zh_work,
	...zh_rooms,
	...zh_boards,
	...zh_roomsboard,
	...zh_workdesk,
	...zh_roomsdesk,
	...zh_workkiosk,
	...zh_roomskiosk,
	...zh_kioskvisit,
	...zh_printing,
	...zh_devices,
	...zh_limits,
	...zh_data,
	...zh_site,
	...zh_payments,
	...zh_paykiosk,
	...zh_figures,
	...zh_reportsdesk,
	...zh_company,
	...zh_base,
	...zh_desk
} as const;
