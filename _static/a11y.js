/* Accessibility fixes to the Read the Docs theme that CSS cannot make.
 *
 * - The theme marks toctree captions ("Part I: the basics") as
 *   role="heading" without an aria-level, which ARIA requires: they are
 *   second-level headings, under the page title.
 * - A code block or a table wider than its box scrolls sideways; a keyboard
 *   user can only scroll it if it can take focus, as the example outputs
 *   already can.
 *
 * The browser tests (tests/browser) check every page with axe-core.
 */
(function () {
  "use strict";
  function fix() {
    document.querySelectorAll('[role="heading"]:not([aria-level])').forEach(function (heading) {
      heading.setAttribute("aria-level", "2");
    });
    document.querySelectorAll("div.highlight > pre:not([tabindex]), div.wy-table-responsive:not([tabindex])")
      .forEach(function (box) {
        box.setAttribute("tabindex", "0");
      });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fix);
  } else {
    fix();
  }
  // The theme wraps tables in their scrolling box when the page is ready, maybe after the above.
  window.addEventListener("load", fix);
})();
