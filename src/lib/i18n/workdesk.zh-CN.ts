/** Simplified Chinese for workdesk: spread into the zh-CN catalog. */
export const zh_workdesk = {} as const;
