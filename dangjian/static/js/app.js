// Page behaviours wired by data- attributes, so templates need no inline scripts or on* handlers
// (the Content-Security-Policy allows scripts from this origin only). Delegated from the document,
// so content swapped in by htmx works too.
(function () {
  "use strict";

  // <select data-autosubmit> (or any field inside <form data-autosubmit>): submit its form on change.
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (!el.form) return;
    if (el.hasAttribute("data-autosubmit") || el.form.hasAttribute("data-autosubmit")) {
      if (el.form.requestSubmit) el.form.requestSubmit(); else el.form.submit();
      return;
    }
    // <form data-org-nav="/base/"> with a field named org: go to /base/<org>/.
    var nav = el.form.getAttribute("data-org-nav");
    if (nav && el.form.elements.org) {
      window.location = nav + encodeURIComponent(el.form.elements.org.value) + "/";
    }
  });

  document.addEventListener("click", function (e) {
    var el = e.target.closest("[data-confirm],[data-print],[data-history-back],[data-select-on-click]");
    if (!el) return;
    if (el.hasAttribute("data-confirm") && !window.confirm(el.getAttribute("data-confirm"))) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
    if (el.hasAttribute("data-print")) window.print();
    if (el.hasAttribute("data-history-back")) {
      // Back if there is a page to go back to; otherwise follow the link's own href.
      if (window.history.length > 1) { e.preventDefault(); window.history.back(); }
    }
    if (el.hasAttribute("data-select-on-click") && el.select) el.select();
  });

  // A table wider than its card scrolls inside it; a keyboard user must be able to reach that scroll too
  // (WCAG 2.1.1), so an overflowing wrapper becomes a named, focusable region that arrow keys scroll.
  function focusableScrollers() {
    document.querySelectorAll(".table-scroll, .table-responsive").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
        if (!box.hasAttribute("role")) box.setAttribute("role", "region");
        if (!box.hasAttribute("aria-label")) box.setAttribute("aria-label", "表格（可左右滚动）");
      }
    });
  }
  focusableScrollers();
  window.addEventListener("resize", focusableScrollers);
  document.addEventListener("htmx:afterSwap", focusableScrollers);
})();
