// Progress page of a background job: reload every 2 s while the job is queued or running.
(function () {
  var el = document.querySelector("[data-job-refresh]");
  if (el) { setTimeout(function () { window.location.reload(); }, 2000); }
})();
