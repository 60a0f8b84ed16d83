"""Reply-quality check (审核答复, lvzhi/textsim/replies.py) on 附件4 against hand labels.

bench/data/reply_quality_gold.csv holds 68 附件4 message ids labelled by reading the message
and the official reply (see bench/data/README.md) *before* the checker existed (the checker was
then revised once on them), and reply_quality_gold_2.csv 21 more, labelled after that revision
and scored once, as the held-out check. Labels:
``addresses`` (the reply answers this message's place and problem) and ``concrete`` (it gives
a measure taken or planned, a specific answer, or a date). The flag is the negative class:
precision / recall / F1 are for "flagged as not addressing" and "flagged as not concrete".
Lateness is a date rule, not labelled: its rate over all of 附件4 is reported.

Last line: JSON.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import time

from _common import REPO_ROOT, message_text, read_sheet
from _pairs import day_of, prf

from lvzhi.textsim import replies


def _date(value: str) -> dt.date | None:
    d = day_of(value)
    return dt.date.fromordinal(d) if d else None


def main() -> None:
    rows = {r["留言编号"]: r for r in read_sheet("附件4")}
    t0 = time.perf_counter()
    out: dict[str, object] = {}
    n_checked = 0
    for name, suffix in (("reply_quality_gold.csv", ""), ("reply_quality_gold_2.csv", "_2")):
        with (REPO_ROOT / "bench" / "data" / name).open(encoding="utf-8") as fh:
            gold = list(csv.DictReader(fh))
        n_checked += len(gold)
        checks = {
            g["id"]: replies.check_reply(
                message_text(rows[g["id"]]),
                rows[g["id"]]["答复意见"],
                asked_on=_date(rows[g["id"]]["留言时间"]),
                replied_on=_date(rows[g["id"]]["答复时间"]),
            )
            for g in gold
        }
        print(f"{name}: {len(gold)} labelled replies")
        out[f"labelled{suffix}"] = len(gold)
        for key in (replies.ADDRESSES, replies.CONCRETE):
            flagged = [not getattr(checks[g["id"]], key) for g in gold]
            truth = [1 - int(g[key]) for g in gold]
            p, r, f = prf(flagged, truth)
            acc = sum(1 for a, b in zip(flagged, truth, strict=True) if a == bool(b)) / len(gold)
            print(
                f"  {key}: flagged {sum(flagged)}, labelled bad {sum(truth)}:"
                f" P {p:.3f} R {r:.3f} F1 {f:.3f} accuracy {acc:.3f}"
            )
            for g, fl, t in zip(gold, flagged, truth, strict=True):
                if fl != bool(t):
                    print(f"     {'FP' if fl else 'FN'} {g['id']} {rows[g['id']]['留言主题'][:30]}")
            out.update(
                {
                    f"{key}_precision{suffix}": round(p, 4),
                    f"{key}_recall{suffix}": round(r, 4),
                    f"{key}_f1{suffix}": round(f, 4),
                    f"{key}_accuracy{suffix}": round(acc, 4),
                }
            )
    all_checks = [
        replies.check_reply(
            message_text(r), r["答复意见"], asked_on=_date(r["留言时间"]), replied_on=_date(r["答复时间"])
        )
        for r in rows.values()
    ]
    elapsed = time.perf_counter() - t0
    late = sum(1 for c in all_checks if c.late)
    known = sum(1 for c in all_checks if c.working_days is not None)
    print(f"附件4: {late} of {known} dated replies later than {replies.REPLY_WORKING_DAYS} working days")
    out.update(
        {
            "late_share": round(late / max(known, 1), 4),
            "flagged_not_addressing_share": round(
                sum(1 for c in all_checks if not c.addresses) / len(all_checks), 4
            ),
            "flagged_not_concrete_share": round(
                sum(1 for c in all_checks if not c.concrete) / len(all_checks), 4
            ),
            "replies_per_s": round((len(all_checks) + n_checked) / elapsed, 1),
        }
    )
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
