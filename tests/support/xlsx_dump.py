#!/usr/bin/python3
"""Dumps an XLSX workbook as tab-separated lines, read with openpyxl (Debian's python3-openpyxl), for the
end-to-end tests to check what a spreadsheet program sees:

    sheet <name> <freeze panes> <filter range>
    row <row number> <cell>...     a cell: empty for none, a number as Python's repr, else its text
    format <cell> <number format>  for each cell with a number or a date

Usage: xlsx_dump.py WORKBOOK.xlsx
"""
import datetime
import sys

import openpyxl


def main(path):
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        print("\t".join(["sheet", sheet.title, str(sheet.freeze_panes), str(sheet.auto_filter.ref)]))
        for row in sheet.iter_rows():
            values = []
            for cell in row:
                if cell.value is None:
                    values.append("")
                elif isinstance(cell.value, (int, float)):
                    values.append(repr(cell.value))
                else:
                    values.append(str(cell.value))
            print("\t".join(["row", str(row[0].row)] + values))
            for cell in row:
                if isinstance(cell.value, (int, float, datetime.datetime)):
                    print("\t".join(["format", cell.coordinate, cell.number_format]))


if __name__ == "__main__":
    main(sys.argv[1])
