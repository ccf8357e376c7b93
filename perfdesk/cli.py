"""The ``perfdesk`` command: the desktop app, and check/dump/load/sample/export from a shell.

Exit codes: 0 success; 1 ``check`` found errors; 2 bad input (a clear one-line message on
stderr, no file written or changed).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from perfdesk import __version__
from perfdesk.atomic import write_bytes_atomic, write_failure
from perfdesk.models.checks import Finding, check_document, count, describe
from perfdesk.models.codec import DecodeError
from perfdesk.models.document import Document
from perfdesk.models.jsonio import MAX_JSON_BYTES, document_from_json, document_to_json
from perfdesk.models.rollover import rollover
from perfdesk.models.rules import RULE_SETS
from perfdesk.samples import sample, samples
from perfdesk.store.file import DocumentFileError, editor_lock_holder, open_document, save_document

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """Bad input from the command line; the message is shown as is."""


def _out(text: str) -> None:
    """Print UTF-8 regardless of the console's code page."""
    sys.stdout.buffer.write(text.encode("utf-8", "backslashreplace"))
    sys.stdout.flush()


def _load(path: str) -> Document:
    try:
        opened = open_document(Path(path))
    except DocumentFileError as exc:
        raise UsageError(str(exc)) from None
    for note in opened.notes:  # what was cleaned on reading (control characters of an older version)
        sys.stderr.buffer.write(f"perfdesk: 说明：{path}: {note}\n".encode("utf-8", "backslashreplace"))
    return opened.document


def cmd_check(args: argparse.Namespace) -> int:
    """Print the findings of the checks (text or JSON); exit 1 if there are errors.

    Each text line ends with the rule id in brackets, to look it up in docs/checks.md.
    """
    doc = _load(args.file)
    if args.rule_set:
        if args.rule_set not in RULE_SETS:
            raise UsageError(f"没有名为 {args.rule_set} 的规则集（可用：{'、'.join(RULE_SETS)}）")
        doc.unit.rule_set = args.rule_set
    findings = check_document(doc)
    errors, warnings = count(findings)
    if args.format == "json":
        _out(json.dumps([finding_json(f) for f in findings], ensure_ascii=False, indent=1) + "\n")
        return EXIT_FINDINGS if errors else EXIT_OK
    lines = [f"{doc.unit.name} {doc.unit.fiscal_year}年：{errors} 个错误，{warnings} 个警告"]
    for f in findings:
        lines.append(f"{f.severity.value}  {describe(f.place, doc)}：{f.message}  [{f.code}]")
    _out("\n".join(lines) + "\n")
    return EXIT_FINDINGS if errors else EXIT_OK


def finding_json(finding: Finding) -> dict[str, object]:
    """A finding as plain data: project and row 1-based, as the text output numbers them."""
    place = finding.place
    return {
        "rule": finding.code,
        "severity": "error" if finding.is_error else "warning",
        "message": finding.message,
        "place": {
            "form": place.form.value,
            "project": None if place.project is None else place.project + 1,
            "row": None if place.row is None else place.row + 1,
            "field": place.field,
        },
    }


def cmd_dump(args: argparse.Namespace) -> int:
    """Print (or write) the whole document as JSON."""
    text = document_to_json(_load(args.file))
    if args.output:
        _write(Path(args.output), text.encode("utf-8"))
    else:
        _out(text)
    return EXIT_OK


def cmd_load(args: argparse.Namespace) -> int:
    """Build a `.perfdesk` file from JSON, replacing the output atomically."""
    source = Path(args.json)
    try:
        if args.json == "-":
            raw = sys.stdin.buffer.read(MAX_JSON_BYTES + 1)
        else:
            with source.open("rb") as fh:
                raw = fh.read(MAX_JSON_BYTES + 1)
    except IsADirectoryError:
        raise UsageError(f"{source}: 这是一个文件夹，不是文件") from None
    except OSError as exc:
        raise UsageError(f"{source}: 无法读取（{exc.strerror or exc}）") from None
    if len(raw) > MAX_JSON_BYTES:
        raise UsageError(f"{source}: 文件过大（超过 {MAX_JSON_BYTES // 1_048_576} MB），不是 perfdesk 文档")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{source}: 不是 UTF-8 文本（第 {exc.start} 字节）") from None
    try:
        doc = document_from_json(text)
    except DecodeError as exc:
        raise UsageError(f"{source}: {exc}") from None
    _save(doc, Path(args.output))
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    """List the bundled samples or write one as a `.perfdesk` file."""
    if args.list or not args.name:
        _out("".join(f"{s.name}\t{s.describe()}\n" for s in samples()))
        return EXIT_OK
    try:
        chosen = sample(args.name)
    except KeyError:
        names = "、".join(s.name for s in samples())
        raise UsageError(f"没有名为 {args.name} 的示例（可用：{names}）") from None
    if not args.output:
        raise UsageError("请用 -o 指定输出文件，例如 perfdesk sample changli-2021 -o 示例.perfdesk")
    _save(chosen.load(), Path(args.output))
    return EXIT_OK


def cmd_rollover(args: argparse.Namespace) -> int:
    """Write next year's document from this year's; old-year mentions are flagged, not rewritten."""
    doc = _load(args.file)
    new = rollover(doc, keep_amounts=not args.clear_amounts, keep_plans=not args.clear_plans)
    out = Path(args.output)
    if out.resolve() == Path(args.file).resolve():
        raise UsageError(f"{out}: 输出文件不能与原文件相同")
    _save(new, out)
    flags = sum(f.code == "year-reference" for f in check_document(new))
    _out(
        f"已生成 {new.unit.fiscal_year} 年文档 {out}；{flags} 处文字提到 {doc.unit.fiscal_year} 年，请用 perfdesk check 查看并核对\n"
    )
    return EXIT_OK


def _write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; a failure is one clear line."""
    if path.is_dir():
        raise UsageError(f"{path}: 是一个文件夹，请给出文件名")
    try:
        write_bytes_atomic(path, data)
    except OSError as exc:
        raise UsageError(f"{path}: {write_failure(exc, path)}") from None


def _save(doc: Document, path: Path) -> None:
    if path.is_dir():
        raise UsageError(f"{path}: 是一个文件夹，请给出文件名")
    holder = editor_lock_holder(path)
    if holder is not None:
        raise UsageError(f"{path}: 文件正在 perfdesk 中编辑（{holder}），请先在编辑器中关闭后再写入")
    try:
        save_document(doc, path)
    except DocumentFileError as exc:
        raise UsageError(str(exc)) from None


def cmd_export(args: argparse.Namespace) -> int:
    """Export the document (or one form or project) to PDF, Excel or Word."""
    from perfdesk.export.service import ExportError, export_document, scope_from_text

    doc = _load(args.file)
    try:
        scope = scope_from_text(doc, args.form, args.project)
        result = export_document(doc, Path(args.output), scope=scope)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    for warning in result.warnings:
        sys.stderr.buffer.write(f"perfdesk: 警告：{warning}\n".encode())
    _out(result.summary() + "\n")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Read a workbook (perfdesk's export or official tables typed by hand) into a `.perfdesk` file."""
    from perfdesk.importer.preflight import WorkbookRefused
    from perfdesk.importer.reader import import_workbook
    from perfdesk.models.bounds import int_problem

    source, out = Path(args.workbook), Path(args.output)
    if args.year is not None and (reason := int_problem(args.year, "fiscal_year")):
        raise UsageError(f"--year: {reason}")
    if out.exists() and out.resolve() == source.resolve():
        raise UsageError(f"{out}: 输出文件不能与工作簿相同")
    try:
        result = import_workbook(source, year=args.year)
    except WorkbookRefused as exc:
        raise UsageError(str(exc)) from None
    _save(result.document, out)
    doc = result.document
    lines = [f"已导入 {doc.unit.name or '（未写单位名称）'} {doc.unit.fiscal_year}年：{len(doc.projects)} 个项目"
             f"{'、部门整体预算绩效目标表' if doc.dept_table else ''} → {out}；"
             f"{len(result.problems) - len(result.unread())} 个问题，{len(result.unread())} 个单元格未导入，"
             f"{len(result.notes)} 条说明"]  # fmt: skip
    lines += [f"金额单位待确认  工作表“{q.sheet}” {q.cell}：金额 {q.amount} 按{q.assumed}过大，像是以{q.likely}填写，"
              f"已按{q.assumed}导入，请核对" for q in result.questions]  # fmt: skip
    lines += [f"{m.level.value}  {m}" for m in result.all_messages()]
    _out("\n".join(lines) + "\n")
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    """汇总: read many units' workbooks and .perfdesk files, write the summary (.xlsx or .pdf)."""
    from perfdesk.merge.core import merge_files
    from perfdesk.merge.load import load_any
    from perfdesk.merge.output import SUMMARY_SUFFIXES, SummaryError, input_files, write_summary

    out = Path(args.output)
    if out.suffix.lower() not in SUMMARY_SUFFIXES or out.is_dir():
        raise UsageError(f"{out}: 请给出 .xlsx 或 .pdf 汇总文件名")
    paths = input_files(args.files)
    if not paths:
        raise UsageError("没有要汇总的文件（文件夹中没有 .perfdesk 或 .xlsx 文件）")
    if any(p.resolve() == out.resolve() for p in paths if p.exists()):
        raise UsageError(f"{out}: 汇总文件不能是要汇总的文件之一")
    merge, failures = merge_files(paths, load_any)
    if not merge.entries:
        raise UsageError("没有一个文件能读取：" + "；".join(f"{f.path}: {f.reason}" for f in failures[:3]))
    try:
        kind = write_summary(merge, failures, out)
    except SummaryError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"{out}: {write_failure(exc, out)}") from None
    total = merge.totals()
    lines = [f"已汇总 {len(merge.entries)} 个单位、{total.projects} 个项目，预算数合计 {total.total} 万元；"
             f"{total.errors} 个错误，{total.warnings} 个警告，{total.unread} 个导入问题 → {out}（{kind}）"]  # fmt: skip
    lines += [f"未能读取  {f.path}: {f.reason}" for f in failures]
    _out("\n".join(lines) + "\n")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    """Start the desktop app, optionally on a file."""
    try:
        from perfdesk.ui.app import run
    except ImportError as exc:  # the editor is not installed or not yet built
        raise UsageError(f"无法启动图形界面（{exc}）") from None
    return run(args.file)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with all subcommands."""
    parser = argparse.ArgumentParser(prog="perfdesk", description="预算绩效目标 填报、审核、打印与报送")
    parser.add_argument("--version", action="version", version=f"perfdesk {__version__}")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("check", help="审核文件，列出错误与警告（有错误时退出码为 1）")
    p.add_argument("file")
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help="json：每条结果为 rule/severity/message/place"
    )
    p.add_argument("--rule-set", help=f"用此规则集审核，而不是文档中选定的（{'、'.join(RULE_SETS)}）")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("dump", help="以 JSON 输出整个文档（格式见 docs/format.md）")
    p.add_argument("file")
    p.add_argument("-o", "--output", help="写入此文件而不是标准输出")
    p.set_defaults(func=cmd_dump)

    p = sub.add_parser("load", help="由 JSON 生成 .perfdesk 文件（原子替换）")
    p.add_argument("json", help="JSON 文件，- 表示标准输入")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("sample", help="列出或导出内置示例")
    p.add_argument("name", nargs="?")
    p.add_argument("--list", action="store_true", help="每行一个示例，名称在前")
    p.add_argument("-o", "--output")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("rollover", help="由本年文档生成下一年度文档（提到本年年份的文字会被标出待核对）")
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--clear-amounts", action="store_true", help="清空预算金额")
    p.add_argument("--clear-plans", action="store_true", help="清空资金支出计划")
    p.set_defaults(func=cmd_rollover)

    p = sub.add_parser("export", help="导出 PDF、Excel 或 Word（格式由输出文件后缀决定）")
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True, help="输出文件：.pdf、.xlsx 或 .docx")
    p.add_argument(
        "--form",
        default="all",
        help="只导出一种表：text（文本）、projects（项目表）、dept（部门整体表）、report（自评报告）、evals（自评表）",
    )
    p.add_argument("--project", help="只导出一个项目：序号（从 1 开始）、项目编码或项目名称")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="由工作簿（perfdesk 导出或手工填写的官方表格）生成 .perfdesk 文件")
    p.add_argument("workbook", help=".xlsx 工作簿")
    p.add_argument("-o", "--output", required=True, help="输出的 .perfdesk 文件")
    p.add_argument("--year", type=int, help="表格中没有写年度时使用的预算年度")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("merge", help="汇总多个单位的 .perfdesk 文件和工作簿，写出汇总表（.xlsx 或 .pdf）")
    p.add_argument("files", nargs="+", help=".perfdesk 或 .xlsx 文件，或存放它们的文件夹")
    p.add_argument("-o", "--output", required=True, help="汇总文件：.xlsx 或 .pdf")
    p.set_defaults(func=cmd_merge)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``perfdesk`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--smoke"]:
        from perfdesk.smoke import run_smoke

        return run_smoke()
    parser = build_parser()
    known = {"-h", "--help", "--version", *parser_commands(parser)}
    if not argv or argv[0] not in known:
        gui = argparse.Namespace(file=argv[0] if argv else None)
        return _run(cmd_gui, gui)
    args = parser.parse_args(argv)
    return _run(args.func, args)


def parser_commands(parser: argparse.ArgumentParser) -> list[str]:
    """The names of all subcommands."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def _run(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return func(args)
    except UsageError as exc:
        _error(str(exc))
        return EXIT_BAD_INPUT
    except (Exception, RecursionError) as exc:  # a bug, not bad input: still one line, never a traceback
        if os.environ.get("PERFDESK_TRACEBACK"):
            raise
        files = [str(getattr(args, n)) for n in ("file", "json", "workbook", "output") if getattr(args, n, None)]
        where = "、".join(files) or "perfdesk"
        _error(f"{where}: 内部错误（{type(exc).__name__}: {' '.join(str(exc).split())[:200]}），请把输入文件发给维护者")
        return EXIT_BAD_INPUT


def _error(text: str) -> None:
    """One line on stderr, whatever the console's code page (lone surrogates escaped)."""
    line = " ".join(text.split())
    sys.stderr.buffer.write(f"perfdesk: {line}\n".encode("utf-8", "backslashreplace"))
    sys.stderr.flush()


if __name__ == "__main__":
    sys.exit(main())
