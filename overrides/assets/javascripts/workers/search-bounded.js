/*
 * Material's own search worker, with at most the best 1,000 matches handed on to it.
 *
 * For every match, Material's worker highlights the matched words in the whole entry and
 * posts the highlighted text to the page. A query that matches every event (at 10,000
 * events, any word that starts most summaries: "r" while typing "regulators") made that
 * work, not the search itself, most of the 1.1 s from typing to the first result; with the
 * best 1,000 kept it takes about 0.5 s. Readers look at the first few dozen results; a query
 * that matches more is counted as the pages among the best 1,000 (the methodology page says so).
 *
 * The file name below is the worker of the Material version in requirements.lock;
 * tests/test_site_html.py fails when an upgrade renames it.
 */
importScripts("search.a7633da7.min.js");

(function () {
  "use strict";
  var LIMIT = 1000;
  var search = self.lunr.Index.prototype.search;
  self.lunr.Index.prototype.search = function (query) {
    var results = search.call(this, query);  // sorted by score, best first
    return results.length > LIMIT ? results.slice(0, LIMIT) : results;
  };
})();
