#!/usr/bin/env python3
"""Writes samples/msforms-team.xlsx: a Microsoft Forms style export as the
workbook a manager downloads (real Excel dates and numbers, combined skill
labels, Likert answers) with a second sheet for `--sheet`.

Only the Python standard library is used, and the bytes are the same on
every run (fixed zip timestamps), so the committed file can be checked:

    python3 samples/make-workbook.py && git diff --exit-code samples/
"""

import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "msforms-team.xlsx")

# Excel serial date-times (days since 1899-12-30).
def serial(y, mo, d, h=0, mi=0, s=0):
    import datetime
    delta = datetime.datetime(y, mo, d, h, mi, s) - datetime.datetime(1899, 12, 30)
    return delta.days + delta.seconds / 86400


FORM = [
    ["ID", "Start time", "Completion time", "Email", "Name",
     "Prometheus & Grafana", "Docker / Kubernetes", "Terraform/Ansible",
     "Python or Go", "On-call / incident management",
     "Jenkins, GitLab CI or GitHub Actions", "Istio", "Kubernetes operators (0-10)"],
    [1, ("date", serial(2026, 5, 20, 9, 1)), ("date", serial(2026, 5, 20, 9, 12)),
     "renee.mueller@example.com", "Renée Müller",
     "Working knowledge", "Strong", "Basic", 4, "Heard of it", 4, "No experience", 8],
    [2, ("date", serial(2026, 5, 20, 10, 2)), ("date", serial(2026, 5, 20, 10, 9)),
     "lukasz.zolc@example.com", "Łukasz Żółć",
     "Expert", 3.5, "Strong", "Beginner", "Working knowledge", 2, "Basic", 6],
    [3, ("date", serial(2026, 5, 21, 14, 30)), ("date", serial(2026, 5, 21, 14, 41)),
     "alex.kim@example.com", "Alex Kim",
     "Never used", "Basic", 5, "Very good", "Strong", "Expert", "", 10],
]

SECOND = [
    ["Employee Name", "Skill", "Rating (0-5)"],
    ["Ana Silva", "Kubernetes", 4],
    ["Ana Silva", "Prometheus & Grafana", 3],
]


def col(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def sheet_xml(rows):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
           "<sheetData>"]
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">')
        for c, v in enumerate(row):
            ref = f"{col(c)}{r}"
            if v == "":
                continue
            if isinstance(v, tuple):
                out.append(f'<c r="{ref}" s="1"><v>{v[1]!r}</v></c>')
            elif isinstance(v, (int, float)):
                out.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


FILES = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Form1" sheetId="1" r:id="rId1"/>'
        '<sheet name="Platform team" sheetId="2" r:id="rId2"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    # Style 1 is Excel's built-in date-time format 22 (m/d/yy h:mm).
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        "</styleSheet>"
    ),
    "xl/worksheets/sheet1.xml": sheet_xml(FORM),
    "xl/worksheets/sheet2.xml": sheet_xml(SECOND),
}

with zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in FILES.items():
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text.encode("utf-8"))
print(OUT)
