import io

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile

from dangjian.dues.models import DuesBase

pytestmark = pytest.mark.django_db
HEADER = [
    "序号",
    "姓名",
    "岗位工资",
    "薪级工资",
    "绩效工资",
    "津贴补贴",
    "住房公积金",
    "通讯补贴",
    "应发合计",
    "个人所得税",
]


def sheet(rows) -> SimpleUploadedFile:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet("2026年3月工资")
    ws.write_row(0, 0, ["飞龙中学2026年3月工资表"])
    ws.write_row(1, 0, HEADER)
    for i, row in enumerate(rows, 2):
        ws.write_row(i, 0, row)
    book.close()
    return SimpleUploadedFile("工资表.xlsx", buf.getvalue())


@pytest.fixture
def upload(world, settings, tmp_path, login):
    settings.DATA_DIR = tmp_path
    c = login(world.alice)

    def _upload(rows):
        return c.post("/dues/org/BRA/bases/import/", {"month": "2026-03", "file": sheet(rows)})

    return _upload, c


def test_wage_sheet_is_previewed_then_committed(upload):
    send, c = upload
    r = send(
        [[1, "王芳", 3000, 1500, 2500, 800, 900, 200, 8900, 150], [2, "丁伟", 2800, 1200, 1000, 400, 600, 100, 6100, 0]]
    )
    text = r.content.decode()
    assert 'id="preview"' in text and "7650.00" in text and "114.75" in text and "住房公积金、通讯补贴" in text
    assert "忽略的列：序号、应发合计" in text
    assert not DuesBase.objects.exists()
    token = r.context["token"]
    r = c.post("/dues/org/BRA/bases/import/", {"token": token, "month": "2026-03", "commit": "1"}, follow=True)
    assert "已导入2名党员的党费基数" in r.content.decode()
    got = dict(DuesBase.objects.values_list("person__name", "amount"))
    assert {k: str(v) for k, v in got.items()} == {"王芳": "114.75", "丁伟": "81.00"}  # 5400 × 1.5 %


def test_a_bad_row_imports_nothing_and_names_row_column_and_reason(upload):
    send, c = upload
    r = send(
        [
            [1, "王芳", 3000, 1500, 2500, 800, 900, 200, 8900, 150],
            [2, "张三", 2800, 0, 0, 0, 0, 0, 0, 0],
            [3, "丁伟", "三千", 0, 0, 0, 0, 0, 0, 0],
        ]
    )
    text = r.content.decode()
    assert "发现2处问题，未导入任何记录" in text
    assert "<td>第4行</td><td>姓名</td><td>张三</td><td>本组织在册党员中没有此人</td>" in text
    assert "<td>第5行</td><td>岗位工资</td><td>三千</td>" in text and "应为数字" in text
    assert 'id="commit"' not in text
    assert not DuesBase.objects.exists()


def test_a_file_that_is_not_a_sheet_is_refused(upload):
    _, c = upload
    r = c.post("/dues/org/BRA/bases/import/", {"month": "2026-03", "file": SimpleUploadedFile("x.xlsx", b"not excel")})
    assert "无法读取文件" in r.content.decode()
