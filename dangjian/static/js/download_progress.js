// <a href="…" data-download-progress="正在生成台账，请稍候…">: a download that takes seconds to make. On click the
// link shows a spinner and the message while the file is made, then saves it under the server's file name.
// Without JavaScript (or if fetch fails before an answer) the plain link still downloads the file.
(function () {
  "use strict";

  function fileName(resp, fallback) {
    var cd = resp.headers.get("Content-Disposition") || "";
    var m = /filename\*=UTF-8''([^;]+)/i.exec(cd);
    if (m) { try { return decodeURIComponent(m[1]); } catch (e) { /* fall through */ } }
    m = /filename="?([^";]+)"?/i.exec(cd);
    return m ? m[1] : fallback;
  }

  function busy(link, on) {
    if (on) {
      link.dataset.label = link.innerHTML;
      link.setAttribute("aria-busy", "true");
      link.classList.add("disabled");
      var spin = document.createElement("span");
      spin.className = "spinner-border spinner-border-sm me-1";
      spin.setAttribute("role", "status");
      spin.setAttribute("aria-hidden", "true");
      link.textContent = "";
      link.appendChild(spin);
      link.appendChild(document.createTextNode(link.getAttribute("data-download-progress")));
    } else {
      link.innerHTML = link.dataset.label;
      link.removeAttribute("aria-busy");
      link.classList.remove("disabled");
    }
  }

  function say(link, text) {
    var note = link.parentNode.querySelector("[data-download-error]");
    if (!note) {
      note = document.createElement("span");
      note.className = "text-danger small ms-2";
      note.setAttribute("data-download-error", "");
      note.setAttribute("role", "alert");
      link.insertAdjacentElement("afterend", note);
    }
    note.textContent = text;
  }

  document.addEventListener("click", function (e) {
    var link = e.target.closest("a[data-download-progress]");
    if (!link || !window.fetch || !window.URL || !URL.createObjectURL) return;
    e.preventDefault();
    if (link.getAttribute("aria-busy") === "true") return;
    busy(link, true);
    fetch(link.href, { credentials: "same-origin" }).then(function (resp) {
      if (!resp.ok) {
        return resp.text().then(function () { throw new Error("生成失败（" + resp.status + "），请稍后重试"); });
      }
      return resp.blob().then(function (blob) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = fileName(resp, link.href.split("/").pop());
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
      });
    }).catch(function (err) {
      say(link, err && err.message && err.message.indexOf("生成失败") === 0 ? err.message : "生成失败，请稍后重试");
    }).then(function () { busy(link, false); });
  });
})();
