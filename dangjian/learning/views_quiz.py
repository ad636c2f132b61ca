"""应知应会测试: the question bank, tests with a window, answering on a phone, paper scores."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from dangjian.core.forms import apply_errors
from dangjian.lib import clock
from dangjian.orgs.selectors import org_get

from . import selectors, services
from .forms import QuestionForm, QuizForm


def bank(request, code):
    org = org_get(request.user, code=code, manage=True)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            answer = [int(x) - 1 for x in d["answer"].replace("，", ",").split(",") if x.strip()]
        except ValueError:
            form.add_error("answer", "正确答案请填写选项序号，如 1 或 1,3")
        else:
            try:
                services.question_create(
                    actor=request.user,
                    bureau=org.bureau or org,
                    kind=d["kind"],
                    text=d["text"],
                    options=d["options"].splitlines(),
                    answer=answer,
                    points=d["points"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "题目已加入题库")
                return redirect("learning:bank", org.code)
    questions = selectors.bank_questions(org)
    quizzes = selectors.quizzes_of(request.user, org)[:50]
    return render(request, "learning/bank.html", {"org": org, "form": form, "questions": questions, "quizzes": quizzes})


def quiz_new(request, code):
    org = org_get(request.user, code=code, manage=True)
    questions = selectors.bank_questions(org)
    form = QuizForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        d["questions"] = selectors.chosen_questions(org, d["questions"], active=True)
        try:
            quiz = services.quiz_create(actor=request.user, org=org, **d)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "测试已发布")
            return redirect("learning:quiz", quiz.pk)
    return render(request, "appraisal/form.html", {"form": form, "title": f"发布测试 · {org.name}"})


def quiz_detail(request, pk):
    quiz = selectors.quiz_get(request.user, pk)
    attempts = selectors.attempts_of(quiz)
    return render(
        request,
        "learning/quiz.html",
        {"quiz": quiz, "attempts": attempts, "people": selectors.study_people(quiz.org)},
    )


def quiz_take(request, pk):
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404("测试不存在")
    quiz = selectors.quiz_for_member(person, pk)
    if quiz is None:
        raise Http404("测试不存在")
    questions = list(quiz.questions.all())
    if request.method == "POST":
        answers = {str(q.id): [int(v) for v in request.POST.getlist(f"q-{q.id}") if v.isdigit()] for q in questions}
        try:
            attempt = services.quiz_submit(actor=request.user, quiz=quiz, answers=answers)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, f"已提交，得分 {attempt.score}/{attempt.max_score}")
            return redirect("learning:me")
    return render(request, "learning/take.html", {"quiz": quiz, "questions": questions, "now": clock.now()})


def paper_scores(request, pk):
    quiz = selectors.quiz_get(request.user, pk)
    if request.method == "POST":
        people = {str(p.pk): p for p in selectors._people(selectors.subtree_ids(quiz.org))}
        done, errors = 0, []
        for key, value in request.POST.items():
            if key.startswith("s-") and value.strip():
                person = people.get(key[2:])
                if person is None:
                    continue
                try:
                    services.paper_score_enter(actor=request.user, quiz=quiz, person=person, score_value=int(value))
                    done += 1
                except (ValueError, ValidationError) as exc:
                    errors.append(f"{person.name}：{getattr(exc, 'messages', ['得分应为整数'])[0]}")
        for e in errors:
            messages.error(request, e)
        if done:
            messages.success(request, f"已登记{done}人的纸质考试成绩")
    return redirect("learning:quiz", quiz.pk)
