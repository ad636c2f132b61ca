// Rubric form: "add item" appends one more formset row from the <template id="item-template">.
(function () {
  "use strict";
  var button = document.getElementById("add-item");
  if (!button) return;
  button.addEventListener("click", function () {
    var total = document.getElementById("id_items-TOTAL_FORMS");
    var n = parseInt(total.value, 10);
    var html = document.getElementById("item-template").innerHTML.replace(/__prefix__/g, n);
    document.querySelector("#items tbody").insertAdjacentHTML("beforeend", html);
    total.value = n + 1;
  });
})();
