"""The perfdesk command line: check, dump, load, sample, and its handling of bad input."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from perfdesk.cli import main
from perfdesk.models.findings import Form
from perfdesk.samples import samples
from perfdesk.store.file import open_document

NAMES = [s.name for s in samples()]


def run(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsysbinary.readouterr()
    return code, out.decode(), err.decode()


def test_sample_list(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, out, _ = run(capsysbinary, "sample", "--list")
    assert code == 0
    lines = out.splitlines()
    assert [line.split("\t")[0] for line in lines] == NAMES
    assert any("昌黎县应急管理局 2021年：6 个项目绩效目标表" in line for line in lines)


@pytest.mark.parametrize("name", NAMES)
def test_dump_load_dump_is_identical(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], name: str) -> None:
    first = tmp_path / "a.perfdesk"
    assert run(capsysbinary, "sample", name, "-o", str(first))[0] == 0
    code, dump1, _ = run(capsysbinary, "dump", str(first))
    assert code == 0
    (tmp_path / "a.json").write_text(dump1, encoding="utf-8")
    second = tmp_path / "b.perfdesk"
    assert run(capsysbinary, "load", str(tmp_path / "a.json"), "-o", str(second))[0] == 0
    code, dump2, _ = run(capsysbinary, "dump", str(second))
    assert dump1 == dump2
    assert json.loads(dump1)["document"]["unit"]["name"]
    # the dump is the bundled sample itself: deterministic, nothing added
    assert dump1 == next(s for s in samples() if s.name == name).path.read_text(encoding="utf-8")


def test_check_exit_codes(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    clean, broken = tmp_path / "c.perfdesk", tmp_path / "s.perfdesk"
    run(capsysbinary, "sample", "changli-2021", "-o", str(clean))
    run(capsysbinary, "sample", "gaoxin-selfeval-2024", "-o", str(broken))
    code, out, _ = run(capsysbinary, "check", str(clean))
    assert code == 0
    assert out.startswith("昌黎县应急管理局 2021年：0 个错误，11 个警告")  # Hebei-only rules off; 9 misfiled 效益 rows
    code, out, _ = run(capsysbinary, "check", str(broken))
    assert code == 1
    assert "决算支出分项合计 2199.37 与总数 2199.36 不符" in out


def test_check_json(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """--format json: one object per finding, project and row numbered as the text output names them."""
    path = tmp_path / "g.perfdesk"
    run(capsysbinary, "sample", "gaoxin-2022", "-o", str(path))
    code, text_out, _ = run(capsysbinary, "check", str(path))
    code_json, out, _ = run(capsysbinary, "check", "--format", "json", str(path))
    assert code == code_json == 0
    findings = json.loads(out)
    assert findings[0] == {
        "rule": "unit-conflict",
        "severity": "warning",
        "message": "三级指标“资金使用金额”是金额，指标值“≥99%”却是百分比",
        "place": {"form": "项目绩效目标表", "project": 3, "row": 2, "field": "value"},
    }
    assert "项目3「指挥应急管理系统」 第2行 指标值：三级指标“资金使用金额”是金额" in text_out
    assert text_out.splitlines()[1].endswith("[unit-conflict]")  # the rule id, to look up in docs/checks.md
    assert len(findings) == len(text_out.splitlines()) - 1
    assert all(set(f) == {"rule", "severity", "message", "place"} for f in findings)
    # a regional set asked for on the command line adds its rules; the file is not changed
    code, out, _ = run(capsysbinary, "check", "--format", "json", "--rule-set", "hebei", str(path))
    assert "level2-empty" in {f["rule"] for f in json.loads(out)}
    code, _, err = run(capsysbinary, "check", "--rule-set", "nowhere", str(path))
    assert code == 2 and "没有名为 nowhere 的规则集" in err


def test_check_json_errors_exit_1(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path = tmp_path / "s.perfdesk"
    run(capsysbinary, "sample", "gaoxin-selfeval-2024", "-o", str(path))
    code, out, _ = run(capsysbinary, "check", "--format", "json", str(path))
    (error,) = [f for f in json.loads(out) if f["severity"] == "error"]
    assert code == 1 and error["rule"] == "report-expense"
    assert error["place"] == {"form": "整体支出绩效自评报告", "project": None, "row": None, "field": "final_expense"}


def test_load_replaces_existing_file(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    target = tmp_path / "t.perfdesk"
    run(capsysbinary, "sample", "changli-2021", "-o", str(target))
    src = next(s for s in samples() if s.name == "lunan-2025").path
    assert run(capsysbinary, "load", str(src), "-o", str(target))[0] == 0
    assert open_document(target).document.unit.code == "450001"


BAD_JSON = {
    "invalid.json": ("{not json", "不是有效的 JSON"),
    "wrongtype.json": (None, "document.projects[0].budget_total: 应为数字"),
    "unknown.json": (None, "document.projects[0].colour: 未知字段"),
    "notperfdesk.json": ('{"hello": 1}', "format"),
    "newer.json": ('{"format": "perfdesk-document", "version": 99, "document": {}}', "请升级"),
}


def _bad_json(tmp_path: Path, name: str, text: str | None) -> Path:
    if text is None:
        data = json.loads(samples()[0].path.read_text(encoding="utf-8"))
        if name == "wrongtype.json":
            data["document"]["projects"][0]["budget_total"] = [1, 2]
        else:
            data["document"]["projects"][0]["colour"] = "red"
        text = json.dumps(data, ensure_ascii=False)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", BAD_JSON)
def test_load_bad_json_leaves_target_alone(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], name: str
) -> None:
    target = tmp_path / "t.perfdesk"
    run(capsysbinary, "sample", "changli-2021", "-o", str(target))
    before = target.read_bytes()
    code, _, err = run(capsysbinary, "load", str(_bad_json(tmp_path, name, BAD_JSON[name][0])), "-o", str(target))
    assert code == 2
    assert BAD_JSON[name][1] in err
    assert err.count("\n") == 1  # one line
    assert target.read_bytes() == before


def test_load_non_utf8(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    src = tmp_path / "gbk.json"
    src.write_bytes('{"单位": 1}'.encode("gbk"))
    code, _, err = run(capsysbinary, "load", str(src), "-o", str(tmp_path / "x.perfdesk"))
    assert (code, "UTF-8" in err) == (2, True)
    assert not (tmp_path / "x.perfdesk").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "不是 perfdesk 文件"), (b"hello world" * 100, "不是 perfdesk 文件"), (None, "不存在")],
)
@pytest.mark.parametrize("command", ["check", "dump"])
def test_bad_files(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], command: str,
                   content: bytes | None, message: str) -> None:  # fmt: skip
    path = tmp_path / "bad.perfdesk"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsysbinary, command, str(path))
    assert (code, out) == (2, "")
    assert message in err and str(path) in err


def test_truncated_file_via_cli(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path = tmp_path / "t.perfdesk"
    run(capsysbinary, "sample", "lunan-2025", "-o", str(path))
    path.write_bytes(path.read_bytes()[:20000])
    before = path.read_bytes()
    code, _, err = run(capsysbinary, "check", str(path))
    assert code == 2 and "截断" in err
    assert path.read_bytes() == before


def test_unknown_sample(capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path) -> None:
    code, _, err = run(capsysbinary, "sample", "nope", "-o", str(tmp_path / "x.perfdesk"))
    assert code == 2 and "没有名为 nope 的示例" in err


def test_load_killed_midway_leaves_old_or_new(tmp_path: Path) -> None:
    """SIGKILL `perfdesk load` at several moments: the target is always a whole old or new file."""
    target = tmp_path / "t.perfdesk"
    main(["sample", "changli-2021", "-o", str(target)])
    old = open_document(target).document
    src = next(s for s in samples() if s.name == "lunan-2025")
    new = src.load()
    for delay in (0.05, 0.15, 0.3, 0.6):
        proc = subprocess.Popen([sys.executable, "-m", "perfdesk.cli", "load", str(src.path), "-o", str(target)])
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        assert open_document(target).document in (old, new)


DATA = Path(__file__).resolve().parent / "data"
FAMILY_FIXTURES = sorted((DATA / "families").glob("*.json")) + sorted((DATA / "realtables").glob("[0-9]*.json"))


@pytest.mark.parametrize("fixture", FAMILY_FIXTURES, ids=[f.name for f in FAMILY_FIXTURES])
def test_check_json_on_every_family(fixture: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """Every family fixture and real table (申报表, split, two-block, 湖南 部门整体, 自评表s, 部门整体
    self-evaluations): the JSON is valid, one object per text line, and each place's 1-based project
    and row are the numbers the text line names (项目N「…」, 第N行)."""
    path = tmp_path / "t.perfdesk"
    assert run(capsysbinary, "load", str(fixture), "-o", str(path))[0] == 0
    code, text_out, _ = run(capsysbinary, "check", str(path))
    code_json, out, _ = run(capsysbinary, "check", "--format", "json", str(path))
    assert code == code_json
    findings = json.loads(out)
    lines = text_out.splitlines()[1:]
    assert len(findings) == len(lines)
    for finding, line in zip(findings, lines, strict=True):
        place = finding["place"]
        assert set(place) == {"form", "project", "row", "field"}
        assert finding["severity"] in ("error", "warning") and line.startswith(
            "错误" if finding["severity"] == "error" else "警告"
        )
        assert line.endswith(f"[{finding['rule']}]") and finding["message"] in line
        assert place["form"] in {f.value for f in Form}, place
        head = line.split("：", 1)[0]
        if place["project"] is not None:
            assert place["project"] >= 1 and f"项目{place['project']}「" in head, (place, line)
        else:
            assert "「" not in head, (place, line)
        if place["row"] is not None:
            assert place["row"] >= 1 and f" 第{place['row']}行" in head, (place, line)
        else:
            assert "行 " not in head and not head.endswith("行"), (place, line)
