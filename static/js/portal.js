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
        input.setCustomValidity("This file is larger than 10 MB.");
      } else if (!ok) {
        input.setCustomValidity("Choose a PDF, JPEG or PNG file.");
      } else {
        input.setCustomValidity("");
      }
      input.reportValidity();
    });
  });
})();
