/* Keyboard access to wide tables (axe-core `scrollable-region-focusable`, WCAG 2.1.1;
   tests/test_accessibility.py). Material wraps every table in a .md-typeset__scrollwrap that
   scrolls sideways when the table is wider than the text column: the timeline's events-per-year
   table on any screen, most tables on a phone. A table with no link in it then offers nothing
   to tab to, so a keyboard cannot scroll it. Make the wrapper focusable while it overflows, as
   Material does for its search results' scroll area (tabindex="0").
   A file of the site's own, registered with `extra_javascript` in mkdocs.yml: the CSP
   (script-src 'self' plus hashes) refuses new inline scripts. */
(function () {
  function update() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth) {
        wrap.tabIndex = 0
      } else {
        wrap.removeAttribute("tabindex")
      }
    })
  }
  // document$ is Material's page observable: it has wrapped the tables when it emits.
  document$.subscribe(update)
  window.addEventListener("resize", update)
})()
