"""The printable page of an evidence export (证据清单): manifest.json as a
person reads it, in Chinese, one UTF-8 file with its style inside (no fonts,
scripts or pictures fetched from anywhere), laid out for A4.

Made from the manifest itself, so the page says nothing the signed manifest
does not; the manifest names the page's SHA-256 (``services.evidence.export``).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from services.district.timezone import district_tz

KINDS = {"image": "照片", "video": "视频", "audio": "录音", "document": "文书", "other": "其他"}
VERDICTS = {"usable": "可采用", "not_usable": "不可采用", "needs_more": "需补充"}
ROLES = {"operator": "值班员", "supervisor": "网格长", "officer": "执法队员", "admin": "管理员"}
ACTIONS = {
    "intake": "入库",
    "view": "查看",
    "export": "导出",
    "verdict": "审核",
    "attach": "关联工单",
    "detach": "解除关联",
    "tampered": "发现篡改",
}
#: The custody entries' detail keys that have a name on paper.
DETAILS = {
    "order": "工单",
    "path": "导出文件",
    "to": "导出至",
    "key": "签名公钥指纹",
    "source": "来源",
    "note": "说明",
    "verdict": "审核结论",
    "during": "发现于",
    "state": "状态",
    "sha256": "实际 SHA-256",
    "size": "实际大小",
}
STATES = {
    "reported": "上报",
    "filed": "立案",
    "dispatched": "已派遣",
    "returned": "退单",
    "acknowledged": "已签收",
    "in_progress": "处置中",
    "extended": "已延期",
    "parked": "挂账",
    "resolved": "已反馈待核查",
    "closed": "已结案",
    "not_filed": "不予立案",
    "archived": "已归档",
}
CATEGORIES = {
    "elevator_fault": "电梯故障",
    "electrical_safety": "用电安全",
    "nonmotor_parking": "非机动车停放",
    "storefront_occupation": "跨门经营",
    "sanitation": "环境卫生",
    "other": "其他",
}

_STYLE = """
@page { size: A4; margin: 15mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       sans-serif; font-size: 10.5pt; color: #000; background: #fff;
       margin: 0 auto; max-width: 190mm; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 8mm; letter-spacing: 0.3em; }
h2 { font-size: 13pt; border-bottom: 1px solid #000; margin: 6mm 0 2mm; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2mm; }
th, td { border: 1px solid #444; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
th { background: #eee; white-space: nowrap; }
table.facts th, table.facts td { border: none; padding: 0.5mm 4mm 0.5mm 0; background: none; }
table.facts th { width: 22mm; }
.hash { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8pt;
        word-break: break-all; }
.tampered { color: #b00; font-weight: bold; }
.file { break-inside: avoid; }
.note { font-size: 9pt; margin-top: 6mm; border-top: 1px solid #000; padding-top: 2mm; }
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _local(iso: str | None) -> str:
    """A stored UTC time as the district's local time (北京时间)."""
    if not iso:
        return "—"
    try:
        at = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return at.astimezone(district_tz()).strftime("%Y-%m-%d %H:%M:%S")


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}（{n:,} 字节）"
    return f"{n} 字节"


def _place(f: Mapping[str, Any]) -> str:
    if f.get("lon") is None or f.get("lat") is None:
        return "—"
    return f"{float(f['lon']):.6f}, {float(f['lat']):.6f}"


def _facts(rows: list[tuple[str, object]], raw: frozenset[str] = frozenset()) -> str:
    """Label and value pairs; values of the labels in ``raw`` are HTML already."""
    items = "".join(
        f"<tr><th>{_e(k)}</th><td>{v if k in raw else _e(v)}</td></tr>" for k, v in rows
    )
    return f'<table class="facts">{items}</table>'


def _head(m: Mapping[str, Any]) -> str:
    order, when, who, key = m["order"], m["exported_at"], m["exporter"], m["key"]
    role = ROLES.get(who.get("role", ""), who.get("role", ""))
    return (
        "<h2>工单</h2>"
        + _facts(
            [
                ("工单编号", order["number"]),
                ("标题", order["title"]),
                ("网格", order["grid"]),
                ("状态", STATES.get(order.get("state", ""), order.get("state", ""))),
                ("类别", CATEGORIES.get(order.get("category", ""), order.get("category", ""))),
            ]
        )
        + "<h2>导出</h2>"
        + _facts(
            [
                ("导出时间", f"{_local(when['utc'])}（北京时间）· UTC {when['utc']}"),
                ("导出人", f"{who.get('name') or who['login']}（{who['login']}，{role}）"),
                ("终端", m["console"]),
                ("证据数量", f"{len(m['files'])} 件"),
            ]
        )
        + "<h2>签名</h2>"
        + _facts(
            [
                ("算法", key["algorithm"]),
                ("公钥指纹", f'<span class="hash">{_e(key["fingerprint"])}</span>'),
                ("公钥", f'<span class="hash">{_e(key["public_key"])}</span>'),
            ],
            raw=frozenset({"公钥指纹", "公钥"}),
        )
    )


def _file_table(files: list[Mapping[str, Any]]) -> str:
    head = "".join(
        f"<th>{h}</th>"
        for h in (
            "序号",
            "文件",
            "类型",
            "大小",
            "采集时间",
            "位置",
            "网格",
            "执法队员",
            "设备",
            "审核",
        )
    )
    rows = []
    for n, f in enumerate(files, 1):
        verdict = VERDICTS.get(f.get("verdict") or "", "未审核")
        rows.append(
            f'<tr><td>{n}</td><td>{_e(f["name"])}<br><span class="hash">{_e(f["path"])}</span>'
            f'<br>SHA-256 <span class="hash">{_e(f["sha256"])}</span></td>'
            f"<td>{_e(KINDS.get(f['kind'], f['kind']))}<br>{_e(f['media_type'])}</td>"
            f"<td>{_e(_size(int(f['size'])))}</td><td>{_e(_local(f.get('captured_at')))}</td>"
            f"<td>{_e(_place(f))}</td><td>{_e(f.get('grid') or '—')}</td>"
            f"<td>{_e(f.get('officer') or '—')}</td><td>{_e(f.get('device') or '—')}</td>"
            f"<td>{_e(verdict)}{'<br>' + _e(f['verdict_note']) if f.get('verdict_note') else ''}"
            "</td></tr>"
        )
    return f"<h2>证据文件</h2><table><tr>{head}</tr>{''.join(rows)}</table>"


def _custody(n: int, f: Mapping[str, Any]) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("序号", "时间", "操作人", "终端", "操作", "说明"))
    rows = []
    for s in f.get("custody", []):
        action = ACTIONS.get(s["action"], s["action"])
        cls = ' class="tampered"' if s["action"] == "tampered" else ""
        detail = "；".join(
            f"{DETAILS.get(k, k)}：{v}" for k, v in sorted(s.get("detail", {}).items())
        )
        rows.append(
            f"<tr><td>{_e(s['seq'])}</td><td>{_e(_local(s['at']))}</td><td>{_e(s['actor'])}</td>"
            f"<td>{_e(s['console'])}</td><td{cls}>{_e(action)}</td><td>{_e(detail)}</td></tr>"
        )
    return (
        f'<div class="file"><h3>{n}. {_e(f["name"])} 的保管记录</h3>'
        f"<table><tr>{head}</tr>{''.join(rows)}</table></div>"
    )


def render_page(m: Mapping[str, Any]) -> str:
    """The page of manifest ``m`` (a whole HTML document)."""
    files = list(m["files"])
    custody = "".join(_custody(n, f) for n, f in enumerate(files, 1))
    note = (
        '<p class="note">核验说明：本清单的机器可读文本为 manifest.json，其 Ed25519 签名为 '
        "manifest.json.sig，公钥为 public-key.pem（指纹见上）。本页的 SHA-256 记录在 "
        "manifest.json 中，同受签名保护。核验方法：<code>youyi-console evidence verify "
        "导出目录 --key 公钥文件</code>；也可用 OpenSSL："
        "<code>openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json "
        "-sigfile manifest.json.sig</code>，再逐一比对文件的 SHA-256。公钥应与发布方另行"
        "提供的公钥核对，不可仅凭本目录中的公钥。</p>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>证据清单 · {_e(m['order']['number'])}</title>\n<style>{_STYLE}</style>\n"
        "</head>\n<body>\n<h1>证据清单</h1>\n"
        f"{_head(m)}\n{_file_table(files)}\n<h2>保管记录</h2>\n{custody}\n{note}\n"
        "</body>\n</html>\n"
    )
