/* Timeline filters: year, type, authority, exchange and platform, combined, kept in the URL
 * (?year=2021&exchange=huobi) so a filtered view can be shared. Without JavaScript the form
 * is not shown (tracker.css) and the page is the full list. Only reads data-* attributes the generator
 * wrote from ids and enum values; writes no HTML. */
(function () {
  "use strict";
  var zh = document.documentElement.lang.indexOf("zh") === 0;  // the Chinese edition
  var form = document.getElementById("timeline-filters");
  if (!form) return;
  var keys = ["year", "type", "authority", "exchange", "platform"];
  var items = Array.prototype.slice.call(document.querySelectorAll("li[data-year]"));
  var count = document.getElementById("timeline-count");

  var ignored = [];

  function fromUrl() {
    var params = new URLSearchParams(window.location.search);
    keys.forEach(function (key) {
      var select = form.elements[key];
      var wanted = params.get(key) || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
      select.value = known ? wanted : "";
      if (wanted && !known) ignored.push(key + " “" + wanted + "”");
    });
  }

  function toUrl() {
    var params = new URLSearchParams();
    keys.forEach(function (key) {
      if (form.elements[key].value) params.set(key, form.elements[key].value);
    });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    switchKeeps(query);
  }

  // The language switch leads to the other edition's timeline with the same filters.
  function switchKeeps(query) {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      link.search = query ? "?" + query : "";
    });
  }

  function matches(item, key, value) {
    var have = (item.getAttribute("data-" + key) || "").split(" ");
    return have.indexOf(value) !== -1;
  }

  function apply() {
    var shown = 0;
    items.forEach(function (item) {
      var ok = keys.every(function (key) {
        var value = form.elements[key].value;
        return !value || matches(item, key, value);
      });
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    // A year heading and its list disappear when none of its events is shown.
    // So do their entries in the table of contents.
    document.querySelectorAll("h2[id^='year-']").forEach(function (heading) {
      var list = heading.nextElementSibling;
      var any = list && list.querySelector("li[data-year]:not([hidden])");
      heading.hidden = !any;
      if (list) list.hidden = !any;
      document.querySelectorAll(".md-nav__link[href='#" + heading.id + "']").forEach(function (link) {
        link.parentElement.hidden = !any;
      });
    });
    count.textContent = zh
      ? (shown === items.length ? "显示全部 " + items.length + " 个事件。" : "显示 " + items.length + " 个事件中的 " + shown + " 个。") +
        (ignored.length ? "以下不是已知的值，未应用：" + ignored.join("、") + "。" : "")
      : (shown === items.length
        ? "Showing all " + items.length + " events."
        : "Showing " + shown + " of " + items.length + " events.") +
        (ignored.length ? " Not a known value, so not applied: " + ignored.join(", ") + "." : "");
  }

  fromUrl();
  apply();
  switchKeeps(window.location.search.replace(/^\?/, ""));
  document.documentElement.classList.remove("filters-pending");
  form.addEventListener("change", function () { ignored = []; toUrl(); apply(); });
  form.addEventListener("reset", function () {
    ignored = [];
    window.setTimeout(function () { toUrl(); apply(); }, 0);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
})();
