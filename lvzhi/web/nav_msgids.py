"""Sidebar labels as translatable msgids: apps build NavItems from plain strings, and
``navigation.resolved`` translates them at render time; listing them here lets
``makemessages`` find them."""

from django.utils.translation import gettext_noop

NAV_MSGIDS = [
    gettext_noop("工作台"),
    gettext_noop("委员/代表名录"),
    gettext_noop("承办单位"),
    gettext_noop("机构设置"),
    gettext_noop("数据明细"),
    gettext_noop("同行报告"),
    gettext_noop("同行比较"),
    gettext_noop("社情民意信息"),
    gettext_noop("微建议"),
    gettext_noop("信访件"),
    gettext_noop("社情民意简报"),
    gettext_noop("我的社情民意"),
    gettext_noop("我的微建议"),
    gettext_noop("审计日志"),
    gettext_noop("用户管理"),
    gettext_noop("个人中心"),
    gettext_noop("我的提案"),
    gettext_noop("我的建议"),
    gettext_noop("提案办理"),
    gettext_noop("代表建议办理"),
    gettext_noop("超期督办"),
    gettext_noop("重点督办"),
    gettext_noop("交办会清单"),
    gettext_noop("回头看"),
    gettext_noop("单位办理进度"),
    gettext_noop("办理统计"),
    gettext_noop("节假日调整"),
    gettext_noop("待办事项"),
    gettext_noop("站内提醒"),
    gettext_noop("履职"),
    gettext_noop("办理"),
    gettext_noop("社情民意·信访"),
    gettext_noop("组织"),
    gettext_noop("数据"),
    gettext_noop("系统"),
]
