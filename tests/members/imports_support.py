"""Roster files for the import tests: the same members as CSV (any encoding and
separator), XLSX or JSON, with English or Korean headers."""

import csv
import io
import json

from openpyxl import Workbook

KOREAN_HEADERS = [
    "회원번호",
    "성명",
    "영문 성명",
    "이메일",
    "전화번호",
    "소속",
    "국가",
    "가입일",
    "회원 구분",
]
ENGLISH_HEADERS = [
    "Member No.",
    "Name (Korean)",
    "Name (English)",
    "E-mail",
    "Phone",
    "Organization",
    "Country",
    "Join Date",
    "Membership Type",
]
ROWS = [
    ["K-001", "김철수", "Chul-soo Kim", "chulsoo.kim@example.org", "+1-703-555-0101",
     "MIT", "미국", "2019-03-05", "정회원"],
    ["K-002", "남궁민", "Min Namgung", "min.namgung@example.org", "+82-10-1234-5678",
     "서울대학교", "대한민국", "2020.07.01", "학생회원"],
    ["K-003", "이영희", "KIM Young Hee", "younghee.lee@example.org", "-",
     "Stanford University", "USA", "2018/11/30", "평생회원"],
]  # fmt: skip


def csv_bytes(headers, rows, *, encoding="utf-8", delimiter=",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    text = buffer.getvalue()
    if encoding == "utf-8-sig":
        return "\ufeff".encode() + text.encode("utf-8")
    return text.encode(encoding)


def xlsx_bytes(headers, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def json_bytes(headers, rows) -> bytes:
    records = [dict(zip(headers, row, strict=True)) for row in rows]
    return json.dumps(records, ensure_ascii=False).encode("utf-8")
