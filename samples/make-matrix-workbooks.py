#!/usr/bin/env python3
"""Writes the skills-matrix workbooks of samples/ as people make them by
hand: an instructions sheet first, the ratings on a later sheet (wide, or
skills down and people across), a legend after. Standard library only;
the bytes are the same on every run (fixed zip timestamps):

    python3 samples/make-matrix-workbooks.py && git diff --exit-code samples/
"""

import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))


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
            if isinstance(v, (int, float)):
                out.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def workbook(path, sheets):
    n = len(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, n + 1))
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + overrides + "</Types>"),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            + "".join(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, (name, _) in enumerate(sheets, start=1))
            + "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, n + 1))
            + "</Relationships>"),
    }
    for i, (_, rows) in enumerate(sheets, start=1):
        files[f"xl/worksheets/sheet{i}.xml"] = sheet_xml(rows)
    with zipfile.ZipFile(os.path.join(HERE, path), "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    print(path)


README = [
    ["How to fill in this skills matrix"],
    [1, "Find your row on the Matrix sheet"],
    [2, "Rate each skill from 0 (none) to 5 (expert)"],
    [3, "Save the workbook and send it back to your manager"],
]
LEGEND = [
    ["Level", "Meaning"],
    [0, "No experience"],
    [1, "Heard of it"],
    [3, "Can work on it alone"],
    [5, "Can teach it"],
]
MATRIX = [
    ["Name", "Team", "Kubernetes", "Docker", "Terraform", "Prometheus", "Python", "Linux"],
    ["Anika Roy", "Platform", 4, 5, 3, 2, 4, 5],
    ["Bram Peeters", "Platform", 2, 3, 4, 1, 3, 4],
    ["Chen Wei", "SRE", 5, 4, 2, 5, 3, 5],
    ["Dario Conti", "SRE", 3, 3, 1, 4, 5, 4],
    ["Eszter Nagy", "Delivery", 1, 4, 2, 2, 4, 3],
    ["Farid Haddad", "Delivery", 2, 2, 5, 1, 2, 3],
    ["Greta Lind", "Platform", 4, 4, 4, 3, 1, 4],
    ["Hiro Tanaka", "SRE", 3, 5, 3, 4, 4, 5],
]
TRANSPOSED = [
    ["Category", "Skill", "Ines Duarte", "Jakub Novak", "Kemi Ade", "Liam Byrne", "Maya Cohen"],
    ["Containers", "Kubernetes", 4, 2, 5, 3, 1],
    ["Containers", "Docker", 5, 3, 4, 3, 2],
    ["Automation", "Ansible", 2, 4, 3, "", 4],
    ["Automation", "Terraform", 3, 5, 2, 4, 1],
    ["Observability", "Prometheus", 4, 1, 5, 2, 3],
    ["Programming", "Go", 1, 2, 4, 5, 3],
    ["Team average", "", 3.2, 2.8, 3.8, 3.4, 2.3],
]

workbook("skills-matrix-with-readme.xlsx",
         [("Read me", README), ("Matrix", MATRIX), ("Legend", LEGEND)])
workbook("team-matrix-transposed.xlsx",
         [("Instructions", README[:3]), ("Skills matrix", TRANSPOSED)])
