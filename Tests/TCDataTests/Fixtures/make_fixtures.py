#!/usr/bin/env python3
"""Writes the planner-file fixtures that TCDataTests and the CLI tests read.

Run from anywhere: python3 Tests/TCDataTests/Fixtures/make_fixtures.py
The output is byte-for-byte reproducible (fixed zip timestamps, no randomness), and the files
are committed, so the tests do not need Python.

- industries-gbk.csv: what Excel on a Chinese Windows saves as "CSV (comma delimited)": GBK,
  CRLF line ends, Chinese headers 产业, 年份, 营业收入, years written 2012年, values with thousands
  separators in quotes ("5,200.0").
- yearbook-wide.csv: a statistical yearbook table in UTF-8 with a byte-order mark: a title row,
  then 地区, 单位, 2015年 … 2020年; one county starts in 2016 (an empty first cell).
- workbook.xlsx: two sheets written as minimal SpreadsheetML parts. Sheet 'long' has
  statsforecast's unique_id, ds, y with ds as date-formatted serial numbers (2012-12-31 …),
  names as shared strings and one value as an inline string "1,234.5". Sheet '产值' is wide:
  地区 then numeric year headers 2015 … 2019.
- workbook-bad-value.xlsx: the same with the text 'n/a' in cell C4 of sheet 'long'.
"""

import datetime
import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

# The steadily growing series of issue 11 (item 1), ×10 so they need thousands separators.
INDUSTRIES = {
    "电子信息": [5200, 6100, 7050, 8200, 9300, 10500, 11800, 14000],
    "医疗健康": [2600, 3000, 3450, 4000, 4600, 5200, 5833.3, 7000],
    "新材料": [620, 700, 770, 840, 900, 960, 1000, 1110],
}
FIRST_YEAR = 2012


def grouped(x):
    """5200 -> "5,200.0", as Excel shows a number with a thousands separator."""
    return f"{x:,.1f}"


def industries_gbk():
    lines = ["产业,年份,营业收入"]
    for name, values in INDUSTRIES.items():
        for k, value in enumerate(values):
            lines.append(f'{name},{FIRST_YEAR + k}年,"{grouped(value)}"')
    data = ("\r\n".join(lines) + "\r\n").encode("gbk")
    with open(os.path.join(HERE, "industries-gbk.csv"), "wb") as f:
        f.write(data)


COUNTIES = {
    "城关区": [None, 88.5, 93.1, 99.0, 104.2, 110.9],
    "东湖县": [41.2, 43.0, 45.6, 47.9, 50.1, 53.3],
    "西山县": [1203.4, 1254.0, 1310.7, 1371.5, 1420.0, 1502.6],
}
WIDE_YEARS = list(range(2015, 2021))


def yearbook_wide():
    lines = ["表 3-1 各县（区）地区生产总值", "地区,单位," + ",".join(f"{y}年" for y in WIDE_YEARS)]
    for name, values in COUNTIES.items():
        cells = ["" if v is None else grouped(v) if v >= 1000 else str(v) for v in values]
        lines.append(",".join([name, "亿元"] + [f'"{c}"' if "," in c else c for c in cells]))
    data = "\ufeff" + "\n".join(lines) + "\n"
    with open(os.path.join(HERE, "yearbook-wide.csv"), "wb") as f:
        f.write(data.encode("utf-8"))


def column(index):
    letters = ""
    index += 1
    while index:
        index, digit = divmod(index - 1, 26)
        letters = chr(65 + digit) + letters
    return letters


def excel_serial(date):
    """Days since 1899-12-30 (Excel's 1900 system, right for dates after 1900-02-28)."""
    return (date - datetime.date(1899, 12, 30)).days


class SharedStrings:
    def __init__(self):
        self.items = []

    def index(self, text):
        if text not in self.items:
            self.items.append(text)
        return self.items.index(text)


def sheet_xml(rows):
    """rows: list of lists of cells; a cell is None, ('s', index), ('n', number),
    ('date', serial) or ('inline', text)."""
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, cells in enumerate(rows, start=1):
        out.append(f'<row r="{r}">')
        for c, cell in enumerate(cells):
            if cell is None:
                continue
            ref = f"{column(c)}{r}"
            kind, value = cell
            if kind == "s":
                out.append(f'<c r="{ref}" t="s"><v>{value}</v></c>')
            elif kind == "n":
                out.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif kind == "date":
                out.append(f'<c r="{ref}" s="1"><v>{value}</v></c>')
            elif kind == "inline":
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def workbook_xlsx():
    """workbook.xlsx, and workbook-bad-value.xlsx: the same with 'n/a' as 电子信息's 2014 value (C4)."""
    write_workbook("workbook.xlsx", bad_value=False)
    write_workbook("workbook-bad-value.xlsx", bad_value=True)


def write_workbook(file_name, bad_value):
    strings = SharedStrings()
    long_rows = [[("s", strings.index("unique_id")), ("s", strings.index("ds")), ("s", strings.index("y"))]]
    for name, values in INDUSTRIES.items():
        for k, value in enumerate(values):
            serial = excel_serial(datetime.date(FIRST_YEAR + k, 12, 31))
            cell = ("inline", "1,234.5") if (name, k) == ("新材料", 7) else ("n", value)
            if bad_value and (name, k) == ("电子信息", 2):
                cell = ("inline", "n/a")
            long_rows.append([("s", strings.index(name)), ("date", serial), cell])
    wide_rows = [[("s", strings.index("地区"))] + [("n", y) for y in range(2015, 2020)]]
    for name, values in COUNTIES.items():
        wide_rows.append([("s", strings.index(name))] + [None if v is None else ("n", v) for v in values[:5]])

    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{pkg}">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{ns}" xmlns:r="{rel}">'
            '<sheets><sheet name="long" sheetId="1" r:id="rId1"/><sheet name="产值" sheetId="2" r:id="rId2"/></sheets>'
            "</workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{pkg}">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/worksheet" Target="worksheets/sheet2.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId4" Type="{rel}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        # Style 0: General; style 1: built-in format 14 (a short date).
        "xl/styles.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{ns}">'
            '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
            "</styleSheet>"
        ),
        "xl/worksheets/sheet1.xml": sheet_xml(long_rows),
        "xl/worksheets/sheet2.xml": sheet_xml(wide_rows),
    }
    parts["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{ns}" count="{len(strings.items)}" '
        f'uniqueCount="{len(strings.items)}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings.items) + "</sst>"
    )
    path = os.path.join(HERE, file_name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


if __name__ == "__main__":
    industries_gbk()
    yearbook_wide()
    workbook_xlsx()
