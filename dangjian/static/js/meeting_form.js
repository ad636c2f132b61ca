// Meeting form: show only the fields that apply to the chosen kind of meeting (the server checks them anyway).
(function () {
  "use strict";
  var only = {group: ["group_meeting"], lecturer: ["party_lecture"], lecturer_name: ["party_lecture"],
              has_vote: ["general_meeting"], vote_subject: ["general_meeting"], vote_yes: ["general_meeting"],
              vote_written_yes: ["general_meeting"], participants: ["heart_to_heart_talk"],
              for_year: ["org_life_review", "appraisal", "leadership_review"]};
  var kind = document.getElementById("id_kind");
  if (!kind) return;
  function apply() {
    Object.keys(only).forEach(function (name) {
      var el = document.getElementById("id_" + name);
      if (!el) return;
      var box = el.closest(".mb-2");
      if (box) box.hidden = only[name].indexOf(kind.value) < 0;
    });
  }
  kind.addEventListener("change", apply);
  apply();
})();
