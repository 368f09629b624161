import type { zh_workkiosk } from './workkiosk.zh-CN';

/** English for workkiosk: key for key with workkiosk.zh-CN.ts. */
export const en_workkiosk = {} as const satisfies Record<keyof typeof zh_workkiosk, string>;
