/* "Cite this" on record pages: a button to copy the plain-text citation and one to copy the
 * BibTeX entry. The BibTeX gets its `urldate` (the date the reader accessed the page) here, in
 * the reader's browser, on the day they copy it: a build never writes an access date.
 * Without JavaScript there are no buttons and the citation is selectable text as before.
 * Record text is copied as text (textContent), never parsed as HTML. */
(function () {
  "use strict";
  var zh = document.documentElement.lang.indexOf("zh") === 0;  // the Chinese edition
  var plain = document.querySelector("p.cite-text");
  var bibtex = document.querySelector("pre.cite-bibtex > code");
  if (!plain || !navigator.clipboard) return;

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  /* The entry with `urldate = {YYYY-MM-DD}` added as its last field (before the closing brace). */
  function withAccessDate(entry) {
    var body = entry.replace(/\s*\}\s*$/, "");
    return body + ",\n  urldate = {" + today() + "}\n}";
  }

  /* GB/T 7714 (the Chinese edition's line): the access date [YYYY-MM-DD] after the update date, before the address. */
  function withCitedDate(line) {
    return line.replace(/\. (https?:\/\/\S+)\.$/, "[" + today() + "]. $1.");
  }

  var status = document.createElement("span");
  status.className = "cite-status";
  status.setAttribute("role", "status");

  function button(label, text, after) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button cite-copy";
    b.textContent = label;
    b.addEventListener("click", function () {
      navigator.clipboard.writeText(text()).then(
        function () { status.textContent = zh ? "已复制。" : "Copied: " + label.replace(/^Copy /, "") + "."; },
        function () { status.textContent = zh ? "无法复制：请选中文字后手动复制。" : "Could not copy: select the text and copy it instead."; });
    });
    return b;
  }

  var bar = document.createElement("p");
  bar.className = "cite-buttons";
  bar.appendChild(button(zh ? "复制引文" : "Copy the citation", function () {
    var line = plain.textContent.replace(/\s+/g, " ").trim();
    return zh ? withCitedDate(line) : line;
  }));
  if (bibtex) {
    bar.appendChild(document.createTextNode(" "));
    bar.appendChild(button(zh ? "复制 BibTeX（含今天的访问日期）" : "Copy BibTeX with today's access date", function () { return withAccessDate(bibtex.textContent); }));
  }
  bar.appendChild(document.createTextNode(" "));
  bar.appendChild(status);
  plain.parentNode.insertBefore(bar, plain.nextSibling);
})();
