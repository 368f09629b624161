import type { zh_billing } from './billing.zh-CN';

/** English for billing: key for key with billing.zh-CN.ts. */
export const en_billing = {} as const satisfies Record<keyof typeof zh_billing, string>;
