import type { zhCN } from './zh-CN';

/** Every key of the catalog (zh-CN is the reference; en is held to the same keys). Apart from
 * index.ts so the catalogs can name it without importing the module that imports them. */
export type MessageKey = keyof typeof zhCN;

/** The keys of messages that say what went wrong: what FoyerError and schema messages carry. */
export type ErrorKey = Extract<MessageKey, `error.${string}`>;
