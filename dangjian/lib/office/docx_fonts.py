"""The Chinese faces of every .docx and PDF dangjian writes: their names as Word and WPS know them, the fallbacks
a machine without them picks (font table altName, GB2312 charset), and the CSS families a PDF renderer tries.
"""

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

FANGSONG, HEITI, KAITI, XIAOBIAOSONG, SONGTI = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"
# Fallbacks Word/WPS use when the named face is missing (fontTable altName), and the families a PDF
# renderer should try (Noto CJK is what the server embeds).
FONT_FALLBACKS = {FANGSONG: "仿宋", KAITI: "楷体", XIAOBIAOSONG: "宋体", HEITI: "SimHei", SONGTI: "SimSun"}
CSS_FAMILIES = {
    FANGSONG: f'"{FANGSONG}", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Noto Sans CJK SC", serif',
    KAITI: f'"{KAITI}", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", "Noto Sans CJK SC", serif',
    XIAOBIAOSONG: f'"{XIAOBIAOSONG}", "宋体", "SimSun", "Noto Serif CJK SC", "Noto Sans CJK SC", serif',
    HEITI: f'"{HEITI}", "SimHei", "Noto Sans CJK SC", sans-serif',
    SONGTI: f'"{SONGTI}", "SimSun", "Noto Serif CJK SC", "Noto Sans CJK SC", serif',
}


# --------------------------------------------------------------------------- low-level XML helpers

# ECMA-376 CT_RPr child order: Word refuses a file whose run properties are out of this order.
_RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]


def insert_rpr_child(rpr, element):
    """Insert ``element`` into a w:rPr before the first child that must follow it."""
    name = element.tag.rpartition("}")[2]
    after = set(_RPR_ORDER[_RPR_ORDER.index(name) + 1 :])
    for child in rpr:
        if child.tag.rpartition("}")[2] in after:
            child.addprevious(element)
            return element
    rpr.append(element)
    return element


def name_faces(rpr, name: str):
    """Name the face for Latin and East Asian text, dropping theme fonts (which would override the name)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def set_font(run_or_style, name: str, size_pt: float | None = None, bold: bool | None = None):
    """Font of a run or a style, with the eastAsia face set (python-docx's ``font.name`` sets only Latin)."""
    font = run_or_style.font
    if size_pt is not None:
        font.size = Pt(size_pt)
    if bold is not None:
        font.bold = bold
    element = run_or_style.element if hasattr(run_or_style, "style_id") else run_or_style._element
    name_faces(element.get_or_add_rPr(), name)


def declare_fonts(doc):
    """Declare the Chinese faces with GB2312 charset and a fallback name (what Word/WPS substitute)."""
    part = None
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
    if part is None:
        return
    from lxml import etree

    root = etree.fromstring(part.blob)
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    have = {f.get(qn("w:name")) for f in root.findall("w:font", ns)}
    for name, alt in FONT_FALLBACKS.items():
        if name in have:
            continue
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        alt_el = etree.SubElement(font, qn("w:altName"))
        alt_el.set(qn("w:val"), alt)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")  # GB2312
        family = etree.SubElement(font, qn("w:family"))
        family.set(qn("w:val"), "modern" if name == HEITI else "roman")
        pitch = etree.SubElement(font, qn("w:pitch"))
        pitch.set(qn("w:val"), "fixed" if name != XIAOBIAOSONG else "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
