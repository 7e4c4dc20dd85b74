// Customer portal: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Move focus to the error summary so screen-reader and keyboard users hear what went wrong.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }

  // "Add a document" sections with several accepted types: show only the chosen type's fields.
  document.querySelectorAll(".doc-choice").forEach(function (choice) {
    var section = choice.closest(".requirement");
    if (!section) { return; }
    function update() {
      var checked = choice.querySelector("input[type=radio]:checked");
      section.querySelectorAll("[data-doc-fields]").forEach(function (fields) {
        var show = !checked || fields.getAttribute("data-doc-fields") === checked.value;
        fields.classList.toggle("is-hidden", !show);
      });
    }
    choice.addEventListener("change", update);
    update();
  });

  // Say which file was chosen and warn early (the server checks again) about size and type.
  var limit = 10 * 1024 * 1024;
  document.querySelectorAll("input[type=file]").forEach(function (input) {
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) { return; }
      var ok = /\.(pdf|jpe?g|png)$/i.test(file.name);
      if (file.size > limit) {
        input.setCustomValidity(input.getAttribute("data-too-large") || "This file is larger than 10 MB.");
      } else if (!ok) {
        input.setCustomValidity(input.getAttribute("data-wrong-type") || "Choose a PDF, JPEG or PNG file.");
      } else {
        input.setCustomValidity("");
      }
      input.reportValidity();
    });
  });

  // Times are shown on the tenant's clock; when the browser's time zone differs, say the time
  // on the reader's own clock as well, in the page's language.
  var lang = document.documentElement.lang || "en";
  var browserZone;
  try { browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { browserZone = null; }
  document.querySelectorAll("time[data-zone]").forEach(function (el) {
    var zone = el.getAttribute("data-zone");
    var at = new Date(el.getAttribute("datetime"));
    if (!browserZone || browserZone === zone || isNaN(at)) { return; }
    var local = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short", timeZoneName: "short" }).format(at);
    var note = document.createElement("span");
    note.className = "muted local-time";
    note.textContent = " (" + local + ")";
    el.after(note);
  });

  // A link to a value inside a closed disclosure ("Edit" on the review page) opens it.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var details = target && target.closest("details");
    if (details && !details.open) { details.open = true; target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
