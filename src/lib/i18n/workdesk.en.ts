import type { zh_workdesk } from './workdesk.zh-CN';

/** English for workdesk: key for key with workdesk.zh-CN.ts. */
export const en_workdesk = {} as const satisfies Record<keyof typeof zh_workdesk, string>;
