// Dues calculator: "add row" appends another wage item from <template id="row-template">.
(function () {
  "use strict";
  var button = document.getElementById("add-row");
  if (!button) return;
  button.addEventListener("click", function () {
    var t = document.getElementById("row-template");
    document.getElementById("rows").appendChild(t.content.cloneNode(true));
  });
})();
