from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lvzhi.casework.workflow import ACTOR_LABELS, Workflow, workflow_for, workflows


def workflow_markdown(wf: Workflow) -> str:
    lines = [
        f"# {wf.label}（`{wf.kind}`）办理流程",
        "",
        "由 `python manage.py workflow_diagram "
        + wf.kind
        + " --write docs/workflows` 从代码中的流程表生成，请勿手改。",
        "",
        "```mermaid",
        wf.mermaid(),
        "```",
        "",
        "## 状态",
        "",
        "| 代码 | 名称 | 终态 |",
        "|---|---|---|",
    ]
    lines += [f"| `{v}` | {lbl} | {'是' if v in wf.terminal else ''} |" for v, lbl in wf.states.choices]
    lines += ["", "## 操作", "", "| 操作 | 名称 | 从 | 到 | 谁可执行 | 字段 |", "|---|---|---|---|---|---|"]
    for t in wf.transitions:
        fields = "、".join(f"{f.label}{'*' if f.required else ''}" for f in t.fields)
        if t.note_required:
            fields = (fields + "、" if fields else "") + "理由*"
        targets = " / ".join(wf.state_label(x) for x in t.targets) or "（不变）"
        lines.append(
            f"| `{t.name}` | {t.label} | {'、'.join(wf.state_label(s) for s in sorted(t.source))} | {targets} | "
            f"{'、'.join(str(ACTOR_LABELS[r]) for r in sorted(t.roles))} | {fields} |"
        )
    lines += [
        "",
        f"答复期限：交办后 {wf.reply_days} 天（顺延至工作日）；重新办理 {wf.rehandle_days} 天；"
        f"承办单位可在交办后 {wf.reroute_window_workdays} 个工作日内申请调整交办。",
        "",
    ]
    return "\n".join(lines)


class Command(BaseCommand):
    help = "以 Mermaid 图输出某类件的办理流程；--write DIR 写入 DIR/<kind>.md。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", nargs="?", help="proposal / suggestion / bill …")
        parser.add_argument("--all", action="store_true", help="所有已注册的类型")
        parser.add_argument("--write", metavar="DIR", help="写入 Markdown 文件的目录")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"]:
            chosen = workflows()
        else:
            wf = workflow_for(options["kind"] or "")
            if wf is None:
                known = "、".join(w.kind for w in workflows())
                raise CommandError(f"未知的类型：{options['kind']}（可选：{known}）")
            chosen = [wf]
        for wf in chosen:
            if options["write"]:
                out = Path(options["write"])
                out.mkdir(parents=True, exist_ok=True)
                (out / f"{wf.kind}.md").write_text(workflow_markdown(wf), encoding="utf-8")
                self.stdout.write(f"已写入 {out / (wf.kind + '.md')}")
            else:
                self.stdout.write(wf.mermaid())
