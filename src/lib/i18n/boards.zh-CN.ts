/** Simplified Chinese for boards: spread into the zh-CN catalog. */
export const zh_boards = {} as const;
