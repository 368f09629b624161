/** The company's pages and errors (docs/company.md): head office's figures of every site. */
export const zh_company = {
	'desk.nav.company': '公司总览',
	'role.headoffice': '总部（只读）',
	'desk.company.title': '公司总览：各服务中心',
	'desk.company.subtitle':
		'每个服务中心一行，最后一行为全公司合计（由各中心的计数相加后计算，不是各中心比率的平均）。点击中心名称查看其报表。',
	'desk.company.period': '统计期间：{period}',
	'desk.company.generatedAt': '生成于 {at}',
	'desk.company.site': '服务中心',
	'desk.company.satisfaction': '满意度（目标 {target}）',
	'desk.company.collection': '收缴率',
	'desk.company.onTime': '工单按时完成率',
	'desk.company.wait': '排队等候中位数',
	'desk.company.served': '已办结号数',
	'desk.company.total': '全公司合计',
	'desk.company.of': '{part} / {whole}',
	'desk.company.targetMet': '达标',
	'desk.company.targetMissed': '未达标',
	'desk.company.noSites': '本部署尚未接入任何服务中心。',
	'desk.company.json': 'JSON',
	'error.companySiteId': '服务中心编号只能包含字母、数字、“.”、“_”和“-”',
	'error.companyUsernameAtSite':
		'服务中心 {site} 已有名为 {username} 的员工账号，公司账号不能使用该用户名',
	'error.companyAccountNotFound': '没有名为 {username} 的公司账号',
	'error.companyNotServed': '本服务器没有公司（多中心）部署',
	'desk.staff.company.title': '公司账号',
	'desk.staff.company.note':
		'以下公司账号在本服务中心有角色，由运营人员在服务器上用 npm run accounts 管理，不能在此修改或删除。',
	'desk.staff.company.rolesHere': '本中心角色',
	'desk.staff.company.noRoles': '无（总部只读）',
	'desk.staff.company.headOffice': '总部',
	'desk.staff.company.yes': '是',
	'desk.staff.company.no': '否',
	'desk.staff.company.removed': '（账号已删除）',
	'desk.staff.company.tag': '{name}（公司账号）',
	'error.companyAccountReadOnly':
		'这是公司账号，由运营人员用 npm run accounts 管理，不能在员工账号页修改'
} as const;
