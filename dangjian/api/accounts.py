"""/api/v1/accounts/: one's own account, and the logins and roles of the subtree one manages.

Same services and the same authority rules as the pages (dangjian.accounts.authority): a login or org
outside the caller's scope is 404; a role the caller may not grant is 403 with the reason in Chinese.
Initial passwords are in the response of the call that made them, and nowhere else.
"""

from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Query, Router, Status
from ninja.errors import HttpError

from dangjian.accounts import selectors, services, session
from dangjian.accounts.authority import ROLE_ZH, is_account_admin

from .accounts_schemas import (
    BulkIn,
    CreatedOut,
    MeOut,
    PasswordIn,
    ResetOut,
    RoleIn,
    SlipOut,
    UserFilter,
    UserIn,
    UserOut,
    UserPage,
)
from .errors import register_labels

router = Router(tags=["账号 accounts"])
register_labels(
    "accounts",
    extra={
        "name": "姓名",
        "org": "组织代码",
        "role": "角色",
        "username": "用户名",
        "person": "人员",
        "person_id": "人员 id",
        "person_ids": "人员 id 列表",
        "can_see_id_numbers": "可查看完整身份证号",
        "old_password": "原密码",
        "new_password": "新密码",
        "new_password1": "新密码",
        "new_password2": "新密码",
        "status": "状态",
    },
)


def _roles(user) -> list[dict]:
    rows = user.roles.all() if hasattr(user, "_prefetched_objects_cache") else selectors.roles_of(user)
    return [
        {
            "id": ra.id,
            "org_code": ra.org.code,
            "org_name": ra.org.name,
            "role": ra.role,
            "role_zh": ROLE_ZH[ra.role],
            "can_see_id_numbers": ra.can_see_id_numbers,
        }
        for ra in rows
    ]


def user_row(user) -> dict:
    person = getattr(user, "person", None)
    return {
        "id": user.id,
        "username": user.username,
        "name": user.get_full_name(),
        "is_active": user.is_active,
        "must_change_password": selectors.must_change(user),
        "person_id": person.pk if person else None,
        "roles": _roles(user),
    }


def _admin(request):
    if not is_account_admin(request.user):
        raise Http404("无权管理账号")


def _run(fn, **kwargs):
    """Call a service; its authority refusal becomes 403 with the Chinese reason."""
    try:
        return fn(**kwargs)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or "无权执行此操作") from exc


def _fresh(request, pk):
    return selectors.user_get(request.user, pk)


@router.get("/me", response=MeOut, summary="本人账号：姓名、角色、是否须改密码、API 令牌使用时间")
def me(request):
    user = request.user
    token = selectors.token_of(user)
    return {
        **user_row(user),
        "is_superuser": user.is_superuser,
        "token_created_at": token.created_at.isoformat() if token else None,
        "token_last_used_at": token.last_used_at.isoformat() if token and token.last_used_at else None,
        "token_expires_at": token.expires_at.isoformat() if token else None,
    }


@router.post("/me/password", summary="修改本人密码（首次登录或被重置后须先调用，或在网页上修改）")
def me_password(request, payload: PasswordIn):
    user = request.user
    services.password_change(
        user=user,
        old_password=payload.old_password,
        new_password1=payload.new_password,
        new_password2=payload.new_password,
    )
    if hasattr(request, "session") and request.session.session_key:
        update_session_auth_hash(request, user)
        session.password_changed(request)
    return {"detail": "密码已修改"}


@router.delete("/me/token", response={204: None}, summary="作废本人的 API 令牌（含本次请求所用的令牌）")
def me_token_revoke(request):
    services.token_revoke(user=request.user)
    return Status(204, None)


@router.get("/users", response=UserPage, summary="本人管理范围内的账号")
def users(request, filters: Query[UserFilter]):
    _admin(request)
    org = selectors.admin_org_get(request.user, filters.org) if filters.org else None
    qs = selectors.users_list(request.user, org=org, q=filters.q.strip(), status=filters.status)
    start = (filters.page - 1) * filters.page_size
    return {
        "total": qs.count(),
        "page": filters.page,
        "page_size": filters.page_size,
        "items": [user_row(u) for u in qs[start : start + filters.page_size]],
    }


@router.get("/users/{int:user_id}", response=UserOut, summary="账号详情")
def user_show(request, user_id: int):
    _admin(request)
    return user_row(_fresh(request, user_id))


@router.post("/users", response={201: CreatedOut}, summary="开通一个账号（返回只出现这一次的初始密码）")
def user_new(request, payload: UserIn):
    _admin(request)
    person = None
    if payload.person_id is not None:
        person = selectors.managed_person(request.user, payload.person_id)
        if person is None:
            raise Http404("人员不存在或不在您管理的范围内")
    code = payload.org or (person.org.code if person else "")
    if not code:
        raise ValidationError({"org": "请填写组织代码"})
    org = selectors.admin_org_get(request.user, code)
    user, password = _run(
        services.user_create,
        actor=request.user,
        name=payload.name or (person.name if person else ""),
        org=org,
        role=payload.role,
        person=person,
        username=payload.username,
        can_see_id_numbers=payload.can_see_id_numbers,
    )
    return Status(201, {"user": user_row(user), "initial_password": password})


@router.post("/users/bulk", response={201: list[SlipOut]}, summary="从花名册批量开通（党员角色，所在支部）")
def users_bulk(request, payload: BulkIn):
    _admin(request)
    org = selectors.admin_org_get(request.user, payload.org)
    people = list(selectors.people_without_login(request.user, org))
    if payload.person_ids is not None:
        wanted = set(payload.person_ids)
        missing = wanted - {p.pk for p in people}
        if missing:
            raise ValidationError({"person_ids": f"这些人员不在{org.name}的在册无账号名单中：{sorted(missing)}"})
        people = [p for p in people if p.pk in wanted]
    rows = _run(services.users_create_from_roster, actor=request.user, people=people)
    return Status(
        201,
        [
            {
                "person_id": r["person"].pk,
                "name": r["name"],
                "org_code": r["org"].code,
                "username": r["username"],
                "initial_password": r["password"],
            }
            for r in rows
        ],
    )


@router.post("/users/{int:user_id}/roles", response={201: UserOut}, summary="设置角色")
def role_new(request, user_id: int, payload: RoleIn):
    _admin(request)
    target = _fresh(request, user_id)
    org = selectors.admin_org_get(request.user, payload.org)
    _run(
        services.role_grant,
        actor=request.user,
        user=target,
        org=org,
        role=payload.role,
        can_see_id_numbers=payload.can_see_id_numbers,
    )
    return Status(201, user_row(_fresh(request, user_id)))


@router.delete("/users/{int:user_id}/roles/{int:role_id}", response=UserOut, summary="撤销角色")
def role_delete(request, user_id: int, role_id: int):
    _admin(request)
    target = _fresh(request, user_id)
    assignment = selectors.role_of(target, role_id)
    if assignment is None:
        raise Http404("角色不存在")
    _run(services.role_revoke, actor=request.user, assignment=assignment)
    return user_row(_fresh(request, user_id))


@router.post("/users/{int:user_id}/reset-password", response=ResetOut, summary="重置密码（新的初始密码只出现这一次）")
def user_reset(request, user_id: int):
    _admin(request)
    target = _fresh(request, user_id)
    password = _run(services.password_reset, actor=request.user, user=target)
    return {"username": target.username, "initial_password": password}


@router.post("/users/{int:user_id}/deactivate", response=UserOut, summary="停用账号（记录全部保留）")
def user_deactivate(request, user_id: int):
    _admin(request)
    target = _fresh(request, user_id)
    _run(services.user_deactivate, actor=request.user, user=target)
    return user_row(_fresh(request, user_id))


@router.post("/users/{int:user_id}/reactivate", response=UserOut, summary="重新启用账号")
def user_reactivate(request, user_id: int):
    _admin(request)
    target = _fresh(request, user_id)
    _run(services.user_reactivate, actor=request.user, user=target)
    return user_row(_fresh(request, user_id))
