// The rating form: the reasons show only for a bad rating; on the pad keys 1-5 choose a level.
(function () {
  "use strict";
  function init() {
    var form = document.querySelector("[data-testid=rate-form]");
    if (!form) return;
    var badUpTo = parseInt(form.dataset.badUpTo, 10);
    var reasons = form.querySelector(".gx-reasons");
    function level() {
      var chosen = form.querySelector("input[name=level]:checked");
      return chosen ? parseInt(chosen.value, 10) : 0;
    }
    function update() {
      // Shown when a bad level is chosen, or when a reason is already ticked or refused.
      var keep = reasons.querySelector("input:checked, .invalid-feedback");
      var bad = level() > 0 && level() <= badUpTo;
      reasons.hidden = !(bad || (keep && level() === 0));
    }
    form.addEventListener("change", update);
    update();
    if (document.body.classList.contains("gx-rate-pad")) {
      document.addEventListener("keydown", function (event) {
        if (event.altKey || event.ctrlKey || event.metaKey) return;
        var target = event.target;
        if (target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT" && target.type === "text")) return;
        if (event.key >= "1" && event.key <= "5") {
          var radio = form.querySelector("#level-" + event.key);
          if (radio) {
            radio.checked = true;
            radio.focus();
            update();
            event.preventDefault();
          }
        } else if (event.key === "Enter" && target.tagName !== "TEXTAREA" && target.tagName !== "BUTTON") {
          event.preventDefault();
          form.requestSubmit();
        }
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
