/** Simplified Chinese for roomskiosk: spread into the zh-CN catalog. */
export const zh_roomskiosk = {
	'kiosk.tile.checkin': '会议签到',
	'kiosk.tile.checkinHint': '输入签到码或扫码',
	'kiosk.checkin.code': '请输入 6 位签到码',
	'kiosk.checkin.scanHint': '也可以把会议二维码对准扫码器',
	'kiosk.checkin.checking': '正在签到…',
	'kiosk.checkin.welcome': '签到成功，欢迎参会',
	'kiosk.checkin.floor': '{floor} 层',
	'kiosk.checkin.meeting': '会议',
	'kiosk.checkin.count': '已签到 {checkedIn}/{attendees} 人',
	'kiosk.checkin.next': '下一位签到',
	'meetingFeedback.title': '会议评价',
	'meetingFeedback.ask': '请为本次会议的会议室和服务评分',
	'meetingFeedback.room': '会议室：{room}',
	'meetingFeedback.sent': '您的评价已收到，其他参会人也可以扫码评价。',
	'error.checkInCodeFormat': '签到码是 6 位数字'
} as const;
