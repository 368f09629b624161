import type { zh_boards } from './boards.zh-CN';

/** English for boards: key for key with boards.zh-CN.ts. */
export const en_boards = {} as const satisfies Record<keyof typeof zh_boards, string>;
