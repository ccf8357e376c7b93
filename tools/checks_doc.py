"""Write docs/checks.md from the rule catalogue, the rule sets and a run over the real tables.

    .venv/bin/python tools/checks_doc.py          # rewrite docs/checks.md
    .venv/bin/python tools/checks_doc.py --check  # exit 1 if docs/checks.md is stale

The measurement runs every rule over the real tables of ``tests/data/realtables`` (entered from
``../shared/realtables`` as perfdesk documents, with each "Observed oddity" in ``manifest.json``)
and sorts every finding (the defects no rule flags are listed with their reasons in
``tests/data/realtables_misses.json``): at the place of an oddity marked as a defect, the same rule again on
another row of that table, read and judged by hand (``tests/data/realtables_review.json``), or a
false alarm.  ``tests/test_realtables.py`` asserts the same measurement.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from perfdesk.models.checks import check_document, describe  # noqa: E402
from perfdesk.models.findings import Finding, Form  # noqa: E402
from perfdesk.models.jsonio import document_from_json  # noqa: E402
from perfdesk.models.rules import RULE_SETS, RULES, Origin  # noqa: E402

DOC = ROOT / "docs" / "checks.md"
FIXTURES = ROOT / "tests" / "data" / "realtables"
REVIEW = ROOT / "tests" / "data" / "realtables_review.json"
MISSES = ROOT / "tests" / "data" / "realtables_misses.json"

FORM_KEYS = {
    Form.UNIT: "unit",
    Form.OVERALL: "overall",
    Form.PROJECT: "project",
    Form.DEPT_TABLE: "dept_table",
    Form.SELF_REPORT: "self_report",
    Form.EVALUATION: "evaluation",
}
# Rules about something absent from a table: on a table whose stored copy is cut they judge the
# cut, not the table, and are not counted.
ABSENCE_RULES = frozenset(
    {
        "no-output", "no-benefit", "no-satisfaction", "level2-empty", "few-quantitative", "no-indicators",
        "goals-empty", "eval-points-total", "eval-points-under",
    }
)  # fmt: skip


def finding_key(fixture: str, finding: Finding) -> str:
    """A stable name for one finding: fixture|rule|form|project|row|field (1-based numbers)."""
    p = finding.place
    project = "" if p.project is None else p.project + 1
    row = "" if p.row is None else p.row + 1
    return f"{fixture}|{finding.code}|{FORM_KEYS[p.form]}|{project}|{row}|{p.field or ''}"


def at_place(finding: Finding, place: dict[str, object] | None) -> bool:
    """True when the finding points where the oddity is: same form, project and row (or field)."""
    if not place:
        return False
    p = finding.place
    if FORM_KEYS[p.form] != place.get("form"):
        return False
    if place.get("project") is not None and (p.project is None or p.project + 1 != place["project"]):
        return False
    if place.get("row") is not None:
        return p.row is not None and p.row + 1 == place["row"]
    return p.row is None and (place.get("field") is None or p.field == place.get("field"))


@dataclass
class Judged:
    """One finding on a real table with its verdict."""

    fixture: str
    finding: Finding
    where: str
    verdict: str  # defect (at an oddity), same (the same rule on another row), true, false, cut
    note: str = ""

    @property
    def is_true(self) -> bool:
        """A real defect."""
        return self.verdict in ("defect", "same", "true")


@dataclass
class Measurement:
    """The catalogue run over the real tables."""

    judged: list[Judged] = field(default_factory=list)
    defects: list[tuple[str, dict[str, object], bool]] = field(default_factory=list)  # (fixture, oddity, flagged)
    fixtures: list[dict[str, object]] = field(default_factory=list)

    def false_alarms(self, fixture: str) -> list[Judged]:
        """The findings of one table judged false alarms."""
        return [j for j in self.judged if j.fixture == fixture and j.verdict == "false"]


def load_review() -> dict[str, dict[str, str]]:
    """Verdicts given by hand to findings the places alone do not settle."""
    if not REVIEW.exists():
        return {}
    data: dict[str, dict[str, str]] = json.loads(REVIEW.read_text(encoding="utf-8"))["findings"]
    return data


def load_misses() -> dict[str, str]:
    """Why each defect no rule flags is missed, by fixture|oddity kind."""
    if not MISSES.exists():
        return {}
    data: dict[str, str] = json.loads(MISSES.read_text(encoding="utf-8"))["misses"]
    return data


def measure(folder: Path = FIXTURES) -> Measurement | None:
    """Run the checks over every fixture of the manifest (None when the corpus is not there)."""
    manifest_path = folder / "manifest.json"
    if not manifest_path.exists():
        return None
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    review = load_review()
    result = Measurement(fixtures=manifest["fixtures"])
    for entry in manifest["fixtures"]:
        name = entry["fixture"]
        doc = document_from_json((folder / name).read_text(encoding="utf-8"))
        findings = check_document(doc)
        defects = [o for o in entry["oddities"] if o.get("defect")]
        hits = {f for f in findings for o in defects if at_place(f, o.get("place"))}
        for oddity, flagged in zip(defects, _attribute(defects, findings), strict=True):
            result.defects.append((name, oddity, flagged))
        hit_rules = {f.code for f in hits}
        cut = entry.get("completeness") != "complete"
        for finding in findings:
            key = finding_key(name, finding)
            verdict, note = _verdict(finding, hits, hit_rules, cut, review.get(key))
            result.judged.append(Judged(name, finding, describe(finding.place, doc), verdict, note))
    return result


def _attribute(defects: list[dict[str, object]], findings: list[Finding]) -> list[bool]:
    """Which defects are flagged: one finding accounts for one defect, so that two defects at one place
    (a wrong amount and its decimals, both at 预算数) need two findings there; in the manifest's order."""
    unused = list(findings)
    flagged = []
    for oddity in defects:
        match = next((f for f in unused if at_place(f, oddity.get("place"))), None)
        if match is not None:
            unused.remove(match)
        flagged.append(match is not None)
    return flagged


def _verdict(
    finding: Finding, hits: set[Finding], hit_rules: set[str], cut: bool, reviewed: dict[str, str] | None
) -> tuple[str, str]:
    if finding in hits:
        return "defect", ""
    if reviewed is not None:
        return reviewed["verdict"], reviewed.get("note", "")
    if finding.code in hit_rules:
        return "same", ""
    if cut and finding.code in ABSENCE_RULES:
        return "cut", ""
    return "false", ""


# ----------------------------------------------------------------------------- the document

_ORIGIN = {
    Origin.NATIONAL: "national document",
    Origin.REGIONAL: "regional practice",
    Origin.TABLE: "the table itself",
    Origin.PERFDESK: "perfdesk plausibility",
}

HEAD = """# 审核: the rules perfdesk checks

*Generated by `tools/checks_doc.py` from `perfdesk/models/rules.py` — do not edit by hand;
`tests/test_checks_doc.py` fails when this file is stale.*

Every finding names its rule, its severity (**错误** sends the table back, **警告** is worth a
look), and its place: the form, the project and row (1-based, as `perfdesk check` prints them)
and the field.  `perfdesk check --format json FILE` prints the same findings as a JSON list of
`{"rule", "severity", "message", "place": {"form", "project", "row", "field"}}`.

Each rule says where it comes from, plainly: a **national document** (财政部), a **regional
practice** (only in the rule sets that ask for it; marked unverified where perfdesk has not seen
the province's own document), **the table itself** (a sum it prints, a column it defines), or
**perfdesk plausibility** (perfdesk's own judgement of what a reviewer would query).
"""

NOTATIONS = """## How a 指标值 is read

The rules read a value the same way whichever province's notation the clerk used, and whether it
is typed in one cell or in split columns (计算符号/指标性质 | 指标值 | 计量单位):

- the sign before the number as a sign or in words — `≥90%`, `＞＝90%`, `≧90%`, `不低于90%`,
  `大于等于90%`, `不少于100家`, `不超过50万元`, `控制在50万元` (≤), `达到90%` (=, read 正向 like ≥);
- the bound after it — `90%以上`, `100家及以上` (≥), `30天内`, `30个工作日以内` (≤); a date such as
  `12月底前` or `2025年内` stays words;
- Shanghai's decimals and bracketed unit — `≥90.00(%)`, `≥90.00（％）`, full-width digits; a
  trailing `（含）`, `(含90%)`, `。` or `；` changes nothing;
- a range, its unit written once or twice — `90-95%`, `90%-95%`, `约25000-27400人`;
- a change stated as a figure (`下降5%`, `较上年提高10%`) is no 定性 sentence carrying a unit.

Labels are read through their decorations: `产出指标（50分）`, `产出指标(50)`, `产出指标（50%）`,
`一、产出指标`, `1.数量指标`, `数量指标：`, `数量`, `时效性指标`.  A name's bracket may give
alternative units (`数量（台/套）`).  `tests/test_checks_variants.py` holds these variants and
rewrites every seed, family fixture and real table into other notations and the other encoding,
asserting the same findings.
"""

SCORING = """## Scoring the 自评表 (财预〔2020〕10号 practice)

**Totals that never mislead.** The 自评表 shows 总分 and 等级 only when every counted row is
scored; otherwise it says how many rows are scored ("已评分 4/6 行") and which rows cannot be
scored and why.  Spare template rows (`指标2:`, `……`, rows with only 一级/二级) are not counted.
A table that prints its own 分值 for every row is scored by those points: when its 一级 totals
differ from the document's weights the rule `eval-points-own` says so (nothing is moved between
一级), and when the points plus 预算执行率 do not make 100 the total is brought to the 100 scale and
the rule `eval-points-total` says so as an error — never silently.  A printed 总分
is compared with the sum of the printed 得分 (`eval-total-stated`).

**Weights.** 预算执行率 10, 产出 50, 效益 30, 满意度 10 by default (财预〔2020〕10号 附件 notes);
a document sets its own (Sichuan-style tables give the indicators 90 and 执行率 10).  The 2021
framework's 成本指标 shares the 产出 weight.

**执行率.** score = min(B/A, 1) × 10.  Worked example: A = 50.00, B = 48.00 万元 → 96 % →
9.60 of 10.  Below 90 % a written reason is required; template text such as
“预算执行率未达到90%的需说明原因(100字以内)” is not a reason.

**Direction (正向/反向).**
- 正向 — the target has ≥, >, = or no sign: score = min(actual / target, 1) × 分值.
  Example: target ≥90 %, actual 85 %, 分值 10 → 85/90 = 0.9444 → 9.44.
  Actual 95 % → capped at 1 → 10.00.
- 反向 — the target has ≤ or <, or is exactly 0 (`0起`): score = min(target / actual, 1) × 分值,
  an actual of 0 earning everything.  Example: target ≤50 万元, actual 55 万元, 分值 10 →
  50/55 = 0.9091 → 9.09; actual 48 万元 → 10.00.
- A range target (`25000-27400人`) is met at its lower bound (正向) or judged against its upper
  bound (反向).  Money in 元 and 万元 is converted before dividing; any other unit mismatch leaves
  the row unscored.

**Partial achievement (定性 rows).** 财预〔2020〕10号 practice gives three bands: 达成 100–80 %,
部分达成 80–60 %, 未达成 60–0 % of the row's points.  perfdesk stores the band and scores it at
one documented point of its range: 达成 100 %, 部分达成 70 %, 未达成 30 %.  Worked example: a
定性 row of 分值 10 marked 部分达成 scores 7.00; marked 达成, 10.00.  With no band chosen, an
actual written exactly as the target (`高` for `高`) is read as 达成; anything else is unscored
until the clerk chooses (a row printing its own 得分, typed in from a printed table, needs no band).  A 定量 row whose actual is words (`全部完成`) falls back to its band.

**Not applicable.** Rows marked 不适用 are dropped and the remaining points rescaled so the
possible total stays 100 — the only rescaling perfdesk does, and the table says it.
"""


def _rules_section() -> list[str]:
    lines = ["## Rules", "", "| id | severity | checks | place | source | default set |", "|---|---|---|---|---|---|"]
    for rule in RULES.values():
        source = f"{_ORIGIN[rule.origin]}: {rule.source}"
        on = "on" if rule.default_on else "off"
        lines.append(f"| `{rule.id}` | {rule.severity.value} | {rule.description} | {rule.place} | {source} | {on} |")
    return [*lines, ""]


def _sets_section() -> list[str]:
    lines = ["## Rule sets", "", "Chosen per document in 单位信息 (`UnitInfo.rule_set`); `perfdesk check --rule-set`"]
    lines += ["overrides it for one run.", ""]
    for s in RULE_SETS.values():
        extra = []
        if s.enable:
            extra.append("switches on " + ", ".join(f"`{r}`" for r in sorted(s.enable)))
        totals = " or ".join(str(t) for t in s.weight_totals)
        extra.append(f"indicator weights add up to {totals}")
        lines.append(f"- **{s.name}** (`{s.id}`): {s.description} ({'; '.join(extra)}.)")
    return [*lines, ""]


def _measure_section(result: Measurement | None) -> list[str]:
    lines = ["## Measured on real tables", ""]
    if result is None:
        return [*lines, "The corpus fixtures (`tests/data/realtables/`) are not in this checkout.", ""]
    flagged = sum(ok for _, _, ok in result.defects)
    lines += [
        f"{len(result.fixtures)} real tables entered as documents; {len(result.defects)} oddities marked as "
        f"defects, **{flagged} flagged at their place**.  Each finding was sorted: *at an oddity* (a defect at "
        "its row), *same defect* (the same rule on another row of that table, e.g. every placeholder row), "
        "*judged true/false* by reading it (`tests/data/realtables_review.json`), *cut* (an absence rule on a "
        "table whose stored copy is cut), or *false alarm*.",
        "",
        "| rule | findings | true defects | false alarms | cut |",
        "|---|---|---|---|---|",
    ]
    per_rule: dict[str, Counter[str]] = {}
    for j in result.judged:
        per_rule.setdefault(j.finding.code, Counter())[j.verdict] += 1
    for code in sorted(per_rule):
        c = per_rule[code]
        true = c["defect"] + c["same"] + c["true"]
        lines.append(f"| `{code}` | {sum(c.values())} | {true} | {c['false']} | {c['cut']} |")
    lines += ["", "### Defects not flagged", ""]
    misses = [(fx, o) for fx, o, ok in result.defects if not ok]
    why = load_misses()
    reasons = [why.get(f"{fx}|{o['kind']}", "no reason recorded") for fx, o in misses]
    lines += [f"- {fx}: {o['text']} — *not flagged:* {r}" for (fx, o), r in zip(misses, reasons, strict=True)]
    lines += [] if misses else ["None."]
    lines += ["", "### False alarms", ""]
    alarms = [j for j in result.judged if j.verdict == "false"]
    lines += [f"- {j.fixture} — `{j.finding.code}` {j.where}: {j.finding.message}" for j in alarms] or ["None."]
    lines.append("")
    return lines


def render(result: Measurement | None) -> str:
    """The whole of docs/checks.md."""
    parts = [HEAD, *_rules_section(), *_sets_section(), NOTATIONS, SCORING, *_measure_section(result)]
    return "\n".join(parts).rstrip() + "\n"


def main(argv: list[str]) -> int:
    """Write the file, or with --check say whether it is current."""
    text = render(measure())
    if "--check" in argv:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print("docs/checks.md is stale: run .venv/bin/python tools/checks_doc.py", file=sys.stderr)
            return 1
        return 0
    from perfdesk.atomic import write_bytes_atomic

    write_bytes_atomic(DOC, text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
