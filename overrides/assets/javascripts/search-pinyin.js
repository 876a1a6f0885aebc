/*
 * Pinyin search ignores tone marks.
 *
 * Material's search index runs every word through lunr's zh trimmer, whose word characters
 * are \w and 一-龥: a tone-marked vowel at the end of a word is trimmed away (bǐtèbì is
 * indexed as "bǐtèb"), but a query is not trimmed, so "bǐtèbì" never matches. Record pages
 * carry every pinyin spelling without tones as well (bitebi, bi te bi), so the query is
 * folded the same way before Material reads it: NFD, combining marks dropped, ü → u.
 *
 * The listener runs in the capture phase, before Material's own input handler, and leaves
 * text that is being composed by an input method (Chinese IMEs) alone.
 */
(function () {
  "use strict";
  var TONED = /[\u00c0-\u024f\u1e00-\u1eff]/;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ü/g, "u").replace(/Ü/g, "U");
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input || !input.classList || !input.classList.contains("md-search__input")) return;
    if (event.isComposing || !TONED.test(input.value)) return;
    var start = input.selectionStart;
    var folded = fold(input.value);
    if (folded !== input.value) {
      input.value = folded;
      if (start !== null) input.setSelectionRange(start, start);
    }
  }, true);
})();
