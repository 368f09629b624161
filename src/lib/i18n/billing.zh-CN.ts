/** Simplified Chinese for billing: spread into the zh-CN catalog. */
export const zh_billing = {} as const;
