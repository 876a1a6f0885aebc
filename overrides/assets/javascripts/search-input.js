/*
 * What the reader puts in Material's search box, made searchable.
 *
 * Text that arrives without a key. Material reads the box on keyup and on focus, not on
 * input: text pasted with the mouse, dropped, or chosen from the browser's autofill was not
 * searched until a key was pressed. After such an input a keyup is sent to the box (Material
 * ignores a keyup that leaves the query as it was, so typed text is not searched twice).
 *
 * Pinyin with tone marks. Material's search index runs every word through lunr's zh trimmer,
 * whose word characters are \w and 一-龥: a tone-marked vowel at the end of a word is trimmed
 * away (bǐtèbì is indexed as "bǐtèb"), but a query is not trimmed, so "bǐtèbì" never
 * matches. Record pages carry every pinyin spelling without tones as well (bitebi, bi te bi),
 * so the query is folded the same way before Material reads it: NFD, combining marks
 * dropped, ü → u.
 *
 * The listener runs in the capture phase, before Material's own handlers, and leaves text
 * that is being composed by an input method (Chinese IMEs) alone until it is committed.
 */
(function () {
  "use strict";
  var TONED = /[\u00c0-\u024f\u1e00-\u1eff]/;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ü/g, "u").replace(/Ü/g, "U");
  }

  function isSearchBox(element) {
    return Boolean(element && element.classList && element.classList.contains("md-search__input"));
  }

  function searchNow(input) {
    if (TONED.test(input.value)) {
      var start = input.selectionStart;
      var folded = fold(input.value);
      if (folded !== input.value) {
        input.value = folded;
        if (start !== null) input.setSelectionRange(start, start);
      }
    }
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  document.addEventListener("input", function (event) {
    if (isSearchBox(event.target) && !event.isComposing) searchNow(event.target);
  }, true);
  document.addEventListener("compositionend", function (event) {
    if (isSearchBox(event.target)) searchNow(event.target);
  }, true);
})();
