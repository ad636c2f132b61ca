"""API errors in Chinese: 401 not logged in, 403 not allowed, 404 not found or out of scope, 422 bad input naming
the field, 500 for anything unexpected (never a traceback: that goes to the log).

422 bodies look like
    {"detail": "提交的数据有误：出生日期：日期格式不正确，应为 YYYY-MM-DD",
     "errors": [{"field": "birth_date", "label": "出生日期", "message": "出生日期：日期格式不正确，应为 YYYY-MM-DD"}]}
Service-level `django.core.exceptions.ValidationError`s raised inside an endpoint get the same shape,
so endpoints simply call the services and let their errors through.
"""

import logging

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from dangjian.core.versioning import StaleEdit

from .auth import CSRF_FAILED

NOT_LOGGED_IN = (
    "未登录或登录已失效：请先登录，或在请求头中提供 Authorization: Bearer <令牌>（令牌用 dangjian token 用户名 获取）"
)
NOT_FOUND = "未找到：对象不存在或无权查看"
FORBIDDEN = "无权进行此操作"
SERVER_ERROR = "服务器内部错误，已记录在系统日志中；请稍后重试，一再出现请联系系统管理员"

logger = logging.getLogger("dangjian.api")

# Labels for query/path/body names that are not model fields, shared by every router (a router's own
# labels and models come first; tests/api/test_edge_validation.py checks every input field has one).
COMMON_LABELS = {
    "page": "页码",
    "page_size": "每页条数",
    "q": "搜索词",
    "on": "统计日期",
    "payload": "请求体",
    NON_FIELD_ERRORS: "",
    "code": "组织代码",
    "org": "组织代码",
    "orgs": "组织代码",
    "year": "年度",
    "month": "月份",
    "months": "月份",
    "for_year": "所属年度",
    "plan_year": "计划年度",
    "pk": "编号",
    "id": "编号",
    "aid": "考核编号",
    "person": "人员编号",
    "person_id": "人员编号",
    "people": "人员",
    "user_id": "用户编号",
    "role_id": "角色编号",
    "cycle_id": "评议编号",
    "evaluation_id": "评议记录编号",
    "rubric_id": "考核细则编号",
    "item_id": "项目编号",
    "meeting_id": "会议编号",
    "payment_id": "缴费记录编号",
    "quiz_id": "测试编号",
    "question_ids": "试题",
    "task_id": "任务编号",
    "rid": "任务接收编号",
    "notice_id": "通知编号",
    "plan_id": "计划编号",
    "problem_id": "问题编号",
    "case_id": "发展对象编号",
    "step_id": "环节编号",
    "candidate_ids": "候选人",
    "participant_ids": "参加人员",
    "host_id": "主持人",
    "recorder_id": "记录人",
    "lecturer_id": "讲课人",
    "plan_item_id": "计划项目编号",
    "owner": "责任人",
    "approved_by": "批准人",
    "actor": "操作人",
    "kind": "类型",
    "status": "状态",
    "to": "目标状态",
    "text": "内容",
    "note": "备注",
    "reason": "原因",
    "comment": "意见",
    "name": "名称",
    "title": "标题",
    "date": "日期",
    "dates": "日期",
    "start": "开始日期",
    "end": "结束日期",
    "date_from": "起始日期",
    "date_to": "截止日期",
    "limit": "条数上限",
    "offset": "跳过条数",
    "sort": "排序方式",
    "desc": "倒序",
    "by": "统计方式",
    "fmt": "文件格式",
    "n": "天数",
    "data": "数据",
    "values": "取值",
    "rows": "明细",
    "submit": "提交",
    "approve": "批准",
    "accept": "验收通过",
    "ref": "引用",
    "history": "历史记录",
    "short": "只看未达标",
    "overdue": "只看逾期",
    "school": "学校",
    "part": "部分",
    "intro": "简介",
    "hours": "学时",
    "study_hours": "学时",
    "answers": "答案",
    "expected": "应到人数",
    "present": "实到人数",
    "problems": "问题",
    "resolutions": "决议",
    "result_text": "结果",
    "resolved_on": "解决日期",
    "group": "党小组（组织代码）",
    "bureau": "教育局党委（组织代码）",
    "bureau_code": "教育局党委代码",
    "min_months": "最少欠交月数",
    "idempotency_key": "幂等键",
    "confirm_catch_up": "确认补交",
    "quarter_incomes": "季度收入",
    "components": "工资项目",
    "income_tax": "个人所得税",
    "social_insurance": "社会保险",
    "base": "缴费基数",
    "effective_month": "生效月份",
    "override_reason": "调整理由",
    "is_mobile": "流动党员",
    "transferred_in": "转入",
    "join_date": "入党日期",
    "application_date": "申请入党日期",
    "ends_at": "结束时间",
    "starts_at": "开始时间",
    "reduced_amount": "减免后金额",
    "amount": "金额",
    "category": "类别",
}
# Per router prefix (/api/v1/<prefix>/...): extra labels and the models whose verbose names label the rest.
# Other routers add theirs with register_labels("dues", models=["dues.DuesPayment"], extra={...}).
LABELS_BY_PREFIX: dict[str, tuple[dict, list[str]]] = {
    "orgs": ({"parent": "上级组织", "parent_code": "上级组织代码", "root": "起始组织代码"}, ["orgs.Org"]),
    "members": ({"org": "所在支部（组织代码）", "group": "党小组（组织代码）"}, ["members.Person"]),
    "stats": ({}, []),
    "dues": ({}, ["dues.DuesBase", "dues.DuesPayment", "dues.DuesReconciliation", "dues.DuesRemittance"]),
    "meetings": ({}, ["meetings.Meeting", "meetings.Attendance"]),
    "recruitment": ({}, ["recruitment.DevelopmentCase", "recruitment.CaseStep", "recruitment.DevelopmentPlan"]),
}

PARAM_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


def register_labels(prefix: str, *, models: list[str] = (), extra: dict | None = None) -> None:
    """Add a router's labels (merged with any given here before)."""
    have_extra, have_models = LABELS_BY_PREFIX.get(prefix, ({}, []))
    LABELS_BY_PREFIX[prefix] = (
        {**have_extra, **(extra or {})},
        list(models) + [m for m in have_models if m not in models],
    )


def _prefix(request) -> str:
    parts = request.path.split("/api/v1/", 1)
    return parts[1].split("/", 1)[0] if len(parts) == 2 else ""


def field_label(name: str, prefix: str = "") -> str:
    from django.apps import apps

    extra, models = LABELS_BY_PREFIX.get(prefix, ({}, []))
    if name in extra:
        return extra[name]
    for label in models:
        try:
            field = apps.get_model(label)._meta.get_field(name)
        except (LookupError, FieldDoesNotExist):
            continue
        verbose = str(getattr(field, "verbose_name", "") or "")  # a reverse relation has none
        if any("\u4e00" <= ch <= "\u9fff" for ch in verbose):  # a field left unnamed is called "cycle id"
            return verbose
    return COMMON_LABELS.get(name, name)


def _reason(err: dict) -> str:
    """One pydantic error (type + ctx) as a short Chinese reason."""
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind == "missing":
        return "必填"
    if kind.startswith(("date_", "datetime_")):
        return "日期格式不正确，应为 YYYY-MM-DD（如 2019-11-05）"
    if kind.startswith("int_"):
        return "应为整数"
    if kind.startswith("bool_"):
        return "应为 true 或 false"
    if kind in ("string_type", "string_unicode"):
        return "应为文字"
    if kind == "string_too_long":
        return f"最多 {ctx.get('max_length')} 个字符"
    if kind == "string_too_short":
        return "不能为空" if ctx.get("min_length") == 1 else f"至少 {ctx.get('min_length')} 个字符"
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ").replace(", ", "、")
        return f"取值无效，可选：{expected}"
    if kind == "greater_than_equal":
        return f"不能小于 {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"不能大于 {ctx.get('le')}"
    if kind == "extra_forbidden":
        return "不认识的字段（请检查拼写）"
    if kind == "json_invalid":
        return "请求体不是有效的 JSON"
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return "应为 JSON 对象"
    if kind == "value_error":
        return str(ctx.get("error") or err.get("msg", "")).removeprefix("Value error, ")
    return "格式不正确"


def _item(field: str, reason: str, prefix: str) -> dict:
    label = field_label(field, prefix) if field else ""
    message = reason if not label or reason.startswith(label) else f"{label}：{reason}"
    return {"field": field or None, "label": label or None, "message": message}


def _body(items: list[dict]) -> dict:
    return {"detail": "提交的数据有误：" + "；".join(i["message"] for i in items), "errors": items}


def ninja_errors(errors: list[dict], prefix: str = "") -> dict:
    items = []
    for err in errors:
        loc = [str(x) for x in err.get("loc", ()) if not isinstance(x, int)]
        loc = [x for x in loc if x not in PARAM_SOURCES]
        if len(loc) > 1 and loc[0] == "payload":
            loc = loc[1:]
        if err.get("type") == "extra_forbidden" and loc:
            # an unknown field has no Chinese name: it is labelled by what the caller sent
            items.append({"field": loc[-1], "label": loc[-1], "message": f"未知字段：{loc[-1]}"})
            continue
        items.append(_item(loc[-1] if loc else "", _reason(err), prefix))
    return _body(items)


def django_errors(exc: DjangoValidationError, prefix: str = "") -> dict:
    items = []
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            items += [_item("" if field == NON_FIELD_ERRORS else field, m, prefix) for m in messages]
    else:
        items = [_item("", m, prefix) for m in exc.messages]
    return _body(items)


def install(api) -> None:
    """Register the Chinese handlers on the one NinjaAPI."""

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        response = api.create_response(request, {"detail": NOT_LOGGED_IN}, status=401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        text = str(exc) if exc.args else ""
        message = text if any("\u4e00" <= ch <= "\u9fff" for ch in text) else NOT_FOUND
        return api.create_response(request, {"detail": message}, status=404)

    @api.exception_handler(NinjaValidationError)
    def _bad_input(request, exc):
        return api.create_response(request, ninja_errors(exc.errors, _prefix(request)), status=422)

    @api.exception_handler(DjangoValidationError)
    def _service_refused(request, exc):
        return api.create_response(request, django_errors(exc, _prefix(request)), status=422)

    @api.exception_handler(HttpError)
    def _http_error(request, exc):
        message = str(exc)
        if message.startswith("Cannot parse request body"):
            message = "请求体无法解析：应为 JSON（Content-Type: application/json）"
        elif message == "CSRF check Failed":
            message = CSRF_FAILED
        return api.create_response(request, {"detail": message}, status=exc.status_code)

    @api.exception_handler(OverflowError)
    def _too_large(request, exc):
        # Last line of defence behind types.py's bounds: a number no database column holds (SQLite raises
        # OverflowError on 2^63) is the caller's input, not a server fault.
        item = {"field": None, "label": None, "message": "数值过大，超出允许范围"}
        return api.create_response(request, _body([item]), status=422)

    @api.exception_handler(StaleEdit)
    def _stale(request, exc):
        # Someone saved the record after this caller read it (If-Match / version no longer current).
        return api.create_response(request, {"detail": exc.message}, status=409)

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc):
        text = str(exc)
        message = text if any("\u4e00" <= ch <= "\u9fff" for ch in text) else FORBIDDEN
        return api.create_response(request, {"detail": message}, status=403)

    @api.exception_handler(Exception)
    def _unexpected(request, exc):
        # Never a traceback to the caller, DEBUG or not (ninja's default sends one as text when DEBUG is on):
        # the traceback goes to the log file, the caller gets a Chinese line.
        logger.error("API 请求出错：%s %s", request.method, request.get_full_path(), exc_info=exc)
        # Tell Django's listeners as an unhandled view error would (the test client re-raises it).
        from django.core.signals import got_request_exception

        got_request_exception.send(sender=None, request=request)
        return api.create_response(request, {"detail": SERVER_ERROR}, status=500)
