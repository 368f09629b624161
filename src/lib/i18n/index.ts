import { addMessages } from './core';
import { en } from './en';
import type { MessageKey } from './keys';
import { zhCN } from './zh-CN';

/**
 * Every message of every surface, registered on import: what the server and the desk use. A
 * lighter surface (kiosk, phone pages) imports `./core` and its own `surfaces/*.ts` instead, so
 * it never downloads this module — see docs/i18n.md.
 */
export * from './core';

export const catalogs: Record<'zh-CN' | 'en', Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

addMessages(zhCN, en);
