/** Simplified Chinese for how a kiosk visit ends and goes on: spread into the zh-CN catalog. */
export const zh_kioskvisit = {
	'kiosk.another': '办理其他业务',
	'kiosk.anotherHint': '保留本次房屋登记，可再办理一项',
	'kiosk.offline': '暂时连不上服务器',
	'kiosk.opening': '正在打开…',
	'kiosk.offlineHint': '缴费、取号、报修、查询和签到暂停，恢复后自动可用；急事请到前台办理',
	'kiosk.paused': '暂停服务',
	'kiosk.ticket.takeSlip': '请取走小票',
	'kiosk.ticket.noSlip': '没有出票？请记下号码或扫码，并告知前台补充打印纸',
	'kiosk.duration': '{minutes} 分 {seconds} 秒',
	'kiosk.report.respondToday': '工作人员会在今天 {time} 前联系处理',
	'kiosk.report.respondLater': '工作人员会在 {day} {time} 前联系处理'
} as const;
