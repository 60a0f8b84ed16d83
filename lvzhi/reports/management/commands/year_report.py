from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lvzhi.orgs.models import Body
from lvzhi.reports import figures, services, yearreport
from lvzhi.reports.models import YearReportDraft


class Command(BaseCommand):
    help = "生成机构的年度工作报告草稿（.docx）：工作回顾中的全部数据、大事记和同行比较；--check 检查已有草稿中哪些数据已变化。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--body", type=int, required=True, help="机构编号")
        parser.add_argument("--year", type=int, required=True, help="年度，例如 2025")
        parser.add_argument("--output", help="输出文件路径（.docx）")
        parser.add_argument("--check", metavar="FILE", help="已生成的草稿：列出与当前数据不一致的数据项")

    def handle(self, *args: Any, **options: Any) -> None:
        body = Body.objects.filter(pk=options["body"]).first()
        if body is None:
            raise CommandError(f"机构 {options['body']} 不存在。")
        year = options["year"]
        if not 1949 <= year <= 2100:
            raise CommandError("年度应在 1949 至 2100 之间。")
        if options.get("check"):
            self._check(body, year, Path(options["check"]))
            return
        if not options.get("output"):
            raise CommandError("请用 --output 指定输出文件，或用 --check 检查已有草稿。")
        out = Path(options["output"])
        if not out.parent.exists():
            raise CommandError(f"目录不存在：{out.parent}")
        draft, data = services.year_report_draft_create(actor=None, body=body, year=year)
        out.write_bytes(data)
        self.stdout.write(
            f"已生成 {body.name} {year} 年度工作报告草稿：{out}（数据 {len(draft.figures)} 项，大事记 {draft.chronicle_count} 条）"
        )

    def _check(self, body: Any, year: int, path: Path) -> None:
        if not path.exists():
            raise CommandError(f"文件不存在：{path}")
        draft_id = yearreport.draft_id_of_docx(path.read_bytes())
        draft = (
            YearReportDraft.objects.filter(pk=draft_id, body=body, year=year).first() if draft_id else None
        )
        if draft is None:
            raise CommandError("该文件不是本系统为此机构和年度生成的草稿。")
        changes = yearreport.staleness(
            snapshot=draft.figures, current=figures.figures_for(body=body, year=year)
        )
        if not changes:
            self.stdout.write("草稿中的数据均与当前记录一致。")
            return
        for c in changes:
            self.stdout.write(
                f"{c.label}：草稿 {c.then if c.then is not None else '—'}，当前 {c.now if c.now is not None else '—'}{c.unit}"
            )
        raise CommandError(f"{len(changes)} 项数据已变化，请重新生成草稿。", returncode=3)
