/** Simplified Chinese for workkiosk: spread into the zh-CN catalog. */
export const zh_workkiosk = {} as const;
