"""A holiday supplement file (docs/formats.md §6) for 2027, the first year chinesecalendar
1.11 does not cover. The dates are TEST DATA shaped like a notice (a 元旦 block with a
调休 Saturday), not the official schedule."""

from __future__ import annotations

SUPPLEMENT_2027 = """\
format = "reviewer-app/holidays/1"
year = 2027
source = "测试数据：仿国务院办公厅关于2027年部分节假日安排的通知"
# 元旦: Friday 1 to Sunday 3 January off; Saturday 9 January worked instead.
holidays = ["2027-01-01", "2027-01-02", "2027-01-03", "2027-02-05", "2027-02-08"]
workdays = ["2027-01-09"]
"""
