"""perfdesk import and perfdesk merge: results, and bad input refused with one line and no file."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from perfdesk.cli import main
from perfdesk.export.service import export_document
from perfdesk.samples import sample
from perfdesk.store.file import save_document


def run(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsysbinary.readouterr()
    return code, out.decode(), err.decode()


def only_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_import_then_dump_is_the_sample(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    workbook = tmp_path / "路南.xlsx"
    export_document(sample("lunan-2025").load(), workbook)
    code, out, _ = run(capsysbinary, "import", str(workbook), "-o", str(tmp_path / "路南.perfdesk"))
    assert code == 0 and "已导入 唐山市路南区应急管理局本级 2025年：8 个项目" in out
    code, dump, _ = run(capsysbinary, "dump", str(tmp_path / "路南.perfdesk"))
    assert dump == sample("lunan-2025").path.read_text(encoding="utf-8")


def test_import_lists_problems_and_takes_a_year(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["项目名称", "手工表"])
    ws.append(["预算数", "约五十万"])
    ws.append(["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"])
    ws.append(["产出指标", "数量指标", "检查次数", "", "≥2次", ""])
    book.save(tmp_path / "手工.xlsx")
    code, out, _ = run(
        capsysbinary, "import", str(tmp_path / "手工.xlsx"), "-o", str(tmp_path / "a.perfdesk"), "--year", "2024"
    )
    assert code == 0
    assert "2024年：1 个项目" in out and "工作表“Sheet” B2：预算数“约五十万”不是金额，未导入" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a workbook", "不是 Excel 工作簿"),
        (b"PK\x03\x04broken", "损坏"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
            "无法读取 .xls 工作簿",
        ),  # .xls is read now; a broken one is refused
    ],
)
def test_import_refuses_bad_files(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(content)
    code, out, err = run(capsysbinary, "import", str(bad), "-o", str(tmp_path / "out.perfdesk"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err and err.startswith("perfdesk: ")
    assert only_files(tmp_path) == ["bad.xlsx"]


def test_import_of_a_workbook_without_tables(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "通讯录"
    book.save(tmp_path / "x.xlsx")
    code, _, err = run(capsysbinary, "import", str(tmp_path / "x.xlsx"), "-o", str(tmp_path / "x.perfdesk"))
    assert code == 2 and "没有找到项目绩效目标表" in err
    assert only_files(tmp_path) == ["x.xlsx"]


def test_merge_writes_xlsx_and_pdf(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    inbox = tmp_path / "收到"
    inbox.mkdir()
    export_document(sample("lunan-2025").load(), inbox / "路南.xlsx")
    save_document(sample("changli-2021").load(), inbox / "昌黎.perfdesk")
    (inbox / "坏.xlsx").write_bytes(b"garbage")
    code, out, _ = run(capsysbinary, "merge", str(inbox), "-o", str(tmp_path / "汇总.xlsx"))
    assert code == 0
    assert "已汇总 2 个单位、14 个项目，预算数合计 456.85 万元" in out and "未能读取  " in out
    book = openpyxl.load_workbook(tmp_path / "汇总.xlsx")
    assert book.sheetnames[0] == "汇总" and "未能读取" in book.sheetnames
    code, out, _ = run(capsysbinary, "merge", str(inbox / "路南.xlsx"), "-o", str(tmp_path / "汇总.pdf"))
    assert code == 0 and "PDF" in out and (tmp_path / "汇总.pdf").read_bytes().startswith(b"%PDF")


def test_merge_bad_input(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    (tmp_path / "坏.xlsx").write_bytes(b"garbage")
    for argv, message in (
        (["merge", str(tmp_path / "坏.xlsx"), "-o", str(tmp_path / "s.xlsx")], "没有一个文件能读取"),
        (["merge", str(tmp_path / "坏.xlsx"), "-o", str(tmp_path / "s.csv")], ".xlsx 或 .pdf"),
        (["merge", str(tmp_path / "空"), "-o", str(tmp_path / "s.xlsx")], "没有一个文件能读取"),
        (["merge", str(tmp_path / "坏.xlsx"), "-o", str(tmp_path / "坏.xlsx")], "不能是要汇总的文件之一"),
    ):
        code, out, err = run(capsysbinary, *argv)
        assert code == 2 and out == "" and message in err and err.count("\n") == 1, err
    assert only_files(tmp_path) == ["坏.xlsx"]
