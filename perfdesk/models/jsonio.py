"""The JSON form of a document (``perfdesk dump`` / ``perfdesk load``), see docs/format.md."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from perfdesk.models.codec import DecodeError, from_plain, to_plain
from perfdesk.models.document import Document

FORMAT_NAME = "perfdesk-document"
FORMAT_VERSION = 2  # 2: structured indicator fields, headers beyond Hebei, layouts (issue 11)
# Every field added since version 1 has a default that keeps a version-1 document's meaning, so
# version-1 JSON loads as it is: the new fields simply take their defaults.
# A 300-project county dumps to about 2 MB, a document at the model's bounds to about 21 MB;
# parsing takes about 7 times the text's size in memory, so 32 MB keeps a load under 300 MB.
MAX_JSON_BYTES = 32 * 1024 * 1024


def document_to_json(doc: Document) -> str:
    """The document as deterministic, human-readable JSON text (UTF-8, keys in model order)."""
    wrapper = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "document": to_plain(doc)}
    return json.dumps(wrapper, ensure_ascii=False, indent=2) + "\n"


def document_from_json(text: str) -> Document:
    """Parse JSON text into a document; raises DecodeError naming the bad place."""
    if len(text) > MAX_JSON_BYTES:
        raise DecodeError("", f"文件过大（超过 {MAX_JSON_BYTES // 1_048_576} MB），不是 perfdesk 文档")
    try:
        data: Any = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise DecodeError("", f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）") from None
    except RecursionError:
        raise DecodeError("", "JSON 嵌套层数过多，不是 perfdesk 文档") from None
    except ValueError:  # an integer of more than 4,300 digits
        raise DecodeError("", "JSON 中有位数过多的数字，不是 perfdesk 文档") from None
    if not isinstance(data, dict):
        raise DecodeError("", "JSON 顶层应为对象")
    if data.get("format") != FORMAT_NAME:
        raise DecodeError("format", f'应为 "{FORMAT_NAME}"，这不是 perfdesk 导出的 JSON')
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise DecodeError("version", "缺少格式版本号")
    if version > FORMAT_VERSION:
        raise DecodeError("version", f"格式版本 {version} 比本程序支持的 {FORMAT_VERSION} 新，请升级 perfdesk")
    if "document" not in data:
        raise DecodeError("document", "缺少 document")
    return from_plain(Document, data["document"], "document")
