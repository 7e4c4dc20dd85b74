// The staff console's menu and copy buttons (progressive enhancement: without this file the
// menu is rendered open and links are copied by hand).
// - On phones the menu folds behind "Menu"; on wide screens it is always open.
// - The "Activity" and "Settings" groups open one at a time and close on Escape or a click
//   elsewhere.
// - A button with data-copy="<id>" copies that field's value and says so.
(function () {
  "use strict";
  var menu = document.querySelector("details.admin-menu");
  var narrow = window.matchMedia("(max-width: 48rem)");
  function fit() {
    if (menu) { menu.open = !narrow.matches; }
  }
  fit();
  if (narrow.addEventListener) { narrow.addEventListener("change", fit); }

  var groups = Array.prototype.slice.call(document.querySelectorAll("details.nav-group"));
  groups.forEach(function (group) {
    group.addEventListener("toggle", function () {
      if (!group.open) { return; }
      groups.forEach(function (other) { if (other !== group) { other.open = false; } });
    });
  });
  function closeGroups(except) {
    groups.forEach(function (group) { if (group !== except) { group.open = false; } });
  }
  document.addEventListener("click", function (event) {
    var inside = event.target.closest ? event.target.closest("details.nav-group") : null;
    closeGroups(inside);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = groups.filter(function (group) { return group.open; })[0];
    if (open) { open.open = false; open.querySelector("summary").focus(); }
  });

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field || !navigator.clipboard) { return; }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value || field.textContent).then(function () {
        button.textContent = "Copied";
        window.setTimeout(function () { button.textContent = label; }, 2000);
      }, function () {
        field.select && field.select();
        button.textContent = "Press Ctrl+C to copy";
      });
    });
  });
})();
