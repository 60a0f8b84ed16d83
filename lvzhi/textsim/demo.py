"""Demo step: index the demo year for search, similarity and routing."""

from __future__ import annotations

from lvzhi.core import demo

from . import services, signals


@demo.step(90)
def textsim_index(ctx: demo.DemoContext) -> None:
    if ctx.scale == "national":
        ctx.log("全国规模：检索索引请运行 python manage.py textsim_reindex。")
        return
    counts = services.search_reindex()
    signals.discard_pending()  # everything queued while seeding is covered by the reindex
    ctx.log(
        f"已建立检索索引：案件 {counts['case']} 件、答复 {counts['reply']} 份、办理记录 {counts['event']} 条、简报 {counts['bulletin']} 期。"
    )
