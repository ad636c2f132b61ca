from django.http import Http404
from django.shortcuts import render

from dangjian.lib.office.names import download_response

from .services import job_for, result_file, state_of


def _job(request, job_id):
    job = job_for(request.user, job_id)
    if job is None:
        raise Http404("没有这个任务")
    return job


def job_page(request, job_id):
    state = state_of(_job(request, job_id))
    return render(request, "jobs/job.html", {"s": state, "job": state.job})


def job_download(request, job_id):
    state = state_of(_job(request, job_id))
    if state.state == "done" and not state.has_file:
        raise Http404("这个任务没有可下载的文件")
    if state.state != "done":
        return render(request, "jobs/job.html", {"s": state, "job": state.job}, status=409)
    content, name = result_file(state.job)
    return download_response(content, name)
