"""Shared checks of produced office files against GB/T 9704-2012 and the print rules of issue #16.

Expected values are the standard's own numbers (A4 210×297 mm, margins 37/35/28/26 mm, 22 lines, 三号 16 pt,
二号 22 pt), not constants imported from the code under test.
"""

import io
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote

from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

EMU_PER_MM = 36000
A4_MM = (210, 297)
GBT_MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
FONTS_CONF = Path(__file__).resolve().parents[2] / "dangjian" / "lib" / "office" / "fonts.conf"
PAGE_NUMBER = re.compile(r"—\s*(\d+)\s*—")


def mm(length) -> float:
    return round(length / EMU_PER_MM, 1)


# ECMA-376 Part 1 (CT_PPrBase, CT_RPr): the order of paragraph and run properties; Word reports a file with
# them out of order as unreadable.
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
    "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
    "vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()


def assert_schema_order(content: bytes):
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        for name in z.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(z.read(name))
            for tag, order in (("pPr", PPR_ORDER), ("rPr", RPR_ORDER)):
                for el in root.iter(w + tag):
                    names = [c.tag.rpartition("}")[2] for c in el]
                    idx = [order.index(n) for n in names if n in order]
                    assert idx == sorted(idx), f"{name}: {tag} children out of order: {names}"


def assert_official_docx(content: bytes, *, title: str | None = None, author: str | None = None):
    """A4, GB/T 9704 margins, line pitch for 22 lines, page-number field footer, Chinese properties."""
    assert_schema_order(content)
    doc = Document(io.BytesIO(content))
    for section in doc.sections:
        assert (mm(section.page_width), mm(section.page_height)) in (A4_MM, A4_MM[::-1])
        if section.page_width < section.page_height:
            assert {k: mm(getattr(section, f"{k}_margin")) for k in GBT_MARGINS_MM} == GBT_MARGINS_MM
            # 22 lines in the 225 mm 版心: the grid pitch × 22 fits and 23 do not
            pitch = int(section._sectPr.find(qn("w:docGrid")).get(qn("w:linePitch")))
            height_twips = 225 / 25.4 * 1440
            assert pitch * 22 <= height_twips < pitch * 23
        footer_xml = section.footer._element.xml
        assert "PAGE" in footer_xml and "fldChar" in footer_xml
        assert "—" in "".join(p.text for p in section.footer.paragraphs)
    props = doc.core_properties
    assert props.author and props.author != "python-docx"
    assert props.language == "zh-CN"
    if title is not None:
        assert props.title == title
    if author is not None:
        assert props.author == author
    # no paragraph carries extra space before/after by style (Word's default adds 10 pt)
    for name in ("Normal", "Body Text", "Heading 1", "Heading 2", "Heading 3"):
        pf = doc.styles[name].paragraph_format
        assert pf.space_before in (None, 0) and pf.space_after in (None, 0), name
    # fonts a Windows Word/WPS knows: no Noto/DejaVu names inside the document
    xml = doc.element.xml + doc.styles.element.xml
    assert "Noto" not in xml and "DejaVu" not in xml
    return doc


def docx_to_pdf(content: bytes, suffix: str = ".docx") -> bytes:
    """Convert with LibreOffice, as the bureau's machines or the CI harness would."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is required for this test"
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"doc{suffix}"
        src.write_bytes(content)
        profile = Path(tmp) / "profile"
        # the official faces (仿宋_GB2312 …) drawn with Noto CJK SC, as dangjian/lib/office/fonts.conf maps them
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
            env=env,
        )
        return (Path(tmp) / "doc.pdf").read_bytes()


def pdf_info(pdf: bytes) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run(["pdfinfo", f.name], check=True, capture_output=True, text=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def pdf_text(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return subprocess.run(["pdftotext", "-layout", f.name, "-"], check=True, capture_output=True, text=True).stdout


def pdf_fonts(pdf: bytes) -> list[str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run(["pdffonts", f.name], check=True, capture_output=True, text=True).stdout
    return out.splitlines()[2:]


def assert_a4_pdf(pdf: bytes, *, numbered: bool = True) -> str:
    """A4 page size (595 × 842 pt, either way round), page numbers "— n —", all fonts embedded."""
    info = pdf_info(pdf)
    w, h = (float(x) for x in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert sorted((round(w), round(h))) == [595, 842], info["Page size"]
    text = pdf_text(pdf)
    if numbered:
        pages = int(info["Pages"])
        assert [int(n) for n in PAGE_NUMBER.findall(text)][:pages] == list(range(1, pages + 1)), text[-400:]
    for line in pdf_fonts(pdf):
        assert line.split()[-5] == "yes", f"font not embedded: {line}"
    return text


def assert_prints(content: bytes, *, sheets: list[str] | None = None):
    """Every (or the named) sheet: A4, fit to one page wide, header row repeated, centred, page footer."""
    wb = load_workbook(io.BytesIO(content))
    for ws in wb.worksheets:
        if sheets is not None and ws.title not in sheets:
            continue
        if ws.max_row <= 1 and ws.max_column <= 1 and ws.cell(1, 1).value is None:
            continue
        ps = ws.page_setup
        assert str(ps.paperSize) == "9", ws.title  # 9 = A4 (ECMA-376 ST_PaperSize)
        assert ps.orientation in ("portrait", "landscape"), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        # fitToWidth absent means 1 (ECMA-376 default); fitToHeight 0 = as many pages tall as needed
        assert str(ps.fitToWidth) in ("1", "None") and str(ps.fitToHeight) == "0", ws.title
        assert ws.print_options.horizontalCentered, ws.title
        assert "&P" in (ws.oddFooter.center.text or ""), ws.title
        if ws.max_row > 2:
            assert ws.print_title_rows, ws.title
    return wb


def assert_bordered(ws, row: int, col: int):
    cell = ws.cell(row=row, column=col)
    assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin", cell.coordinate


def download_filename(response) -> str:
    """The Chinese file name a browser saves (RFC 6266 filename*), checked against the ASCII fallback."""
    cd = response["Content-Disposition"]
    assert cd.startswith("attachment") or cd.startswith("inline"), cd
    m = re.search(r"filename\*=UTF-8''([^;]+)", cd)
    assert m, cd
    fallback = re.search(r'filename="([^"]*)"', cd)
    assert fallback and fallback.group(1).isascii(), cd
    return unquote(m.group(1))
