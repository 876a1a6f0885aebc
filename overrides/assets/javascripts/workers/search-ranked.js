/*
 * Material's own search worker, with its answers put in the order a reader expects.
 *
 * Material's box, results and highlighting are unchanged; this file loads Material's worker
 * and changes three things around it:
 *
 * 1. Whole Chinese words. Material cuts a run of Han characters into the index's words, but
 *    its loop never tries a word that ends at the run's last character (segment(): `j <
 *    query.length`), so 币安 was searched as 币* and 人民银行 as 人民* 银*. A Han character is
 *    appended to every run before Material reads the query (SENTINEL): the run's own words are
 *    then all tried, and the sentinel itself never is.
 * 2. Order. Pages are ranked by these keys in turn (rankKey):
 *    - how many of the query's words they match;
 *    - whether the page is a record: index and project pages (search boost 0.5 in their front
 *      matter) come after every record that matches as many words;
 *    - how many words match whole or by their stem (ban, bans, banned; not only bank);
 *    - whether every word is among the page's tags (its own names);
 *    - how many words are among its tags, search spellings or title;
 *    - the page's search boost: exchanges, authorities and platforms (3) above terms (2.5),
 *      terms above events (2), events above publishers (1);
 *    - then lunr's score. Material multiplies scores by at most 5 afterwards, so each rank is
 *      a factor 11 apart.
 * 3. A query that finds nothing is tried once more with one edit of tolerance per word of 4
 *    letters or more (lunr's `~1`: a letter added, dropped, changed or two swapped). The words
 *    found are reported under the reader's spelling, so Material shows no "Missing" line.
 *
 * At most the best 1,000 matches are handed on: for every match Material highlights the whole
 * entry, which at 10,000 events was most of the time from typing to the first result.
 *
 * The file name below is the worker of the Material version in requirements.lock;
 * tests/test_site_html.py fails when an upgrade renames it.
 */
(function () {
  "use strict";
  var LIMIT = 1000;
  var SETUP = 0, QUERY = 2;  // Material's SearchMessageType
  var SENTINEL = "\u3007";  // 〇, of the Han script
  var HAN_RUN = /\p{sc=Han}+/gu;
  var boosts = Object.create(null);  // page location → its search boost

  // Registered before Material's own listener, so it sees (and may change) each message first.
  self.addEventListener("message", function (event) {
    var message = event.data;
    if (!message || typeof message !== "object") return;
    if (message.type === SETUP && message.data && Array.isArray(message.data.docs)) {
      message.data.docs.forEach(function (doc) {
        if (doc.location.indexOf("#") < 0 && typeof doc.boost === "number") boosts[doc.location] = doc.boost;
      });
    } else if (message.type === QUERY && typeof message.data === "string") {
      message.data = message.data.replace(HAN_RUN, function (run) { return run + SENTINEL; });
    }
  });

  importScripts("search.a7633da7.min.js");
  var lunr = self.lunr;

  var stems = Object.create(null);

  /* lunr's English stem of a word (icos → ico, banned → ban; bank stays bank). The index is
     not stemmed (Material's pipeline for English is the stop-word filter alone). */
  function stem(word) {
    if (!(word in stems)) stems[word] = /^[a-z]+$/.test(word) ? lunr.stemmer(new lunr.Token(word)).toString() : word;
    return stems[word];
  }

  /* The query's words that must or may match (not those excluded with -), as typed and stemmed. */
  function clausesOf(index, text) {
    var query = new lunr.Query(index.fields);
    try {
      new lunr.QueryParser(text, query).parse();
    } catch (error) {
      return [];
    }
    return query.clauses
      .filter(function (c) { return c.presence !== lunr.Query.presence.PROHIBITED; })
      .map(function (c) {
        var term = c.term.replace(/^\*+|\*+$/g, "");
        return { term: term, stem: stem(term) };
      })
      .filter(function (c) { return c.term.length > 0; });
  }

  /* True when a and b differ by at most one letter added, dropped, changed, or two swapped. */
  function oneEdit(a, b) {
    if (a === b) return true;
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length > b.length) return a.slice(i + 1) === b.slice(i);
    if (a.length < b.length) return a.slice(i) === b.slice(i + 1);
    return a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }

  function fuzzyQuery(clauses) {
    var fuzzy = clauses.some(function (c) { return /^[a-z]{4,}$/.test(c.term); });
    return fuzzy ? clauses.map(function (c) {
      return /^[a-z]{4,}$/.test(c.term) ? c.term + "~1" : c.term + "*";
    }).join(" ") : "";
  }

  function mergeInto(target, source) {
    Object.keys(source).forEach(function (field) {
      var into = target[field] || (target[field] = {});
      Object.keys(source[field]).forEach(function (key) {
        into[key] = (into[key] || []).concat(source[field][key]);
      });
    });
  }

  /* Each word a fuzzy search found is filed under the query's word it stands for. */
  function fileUnderClauses(results, clauses) {
    results.forEach(function (result) {
      var metadata = result.matchData.metadata, renamed = {};
      Object.keys(metadata).forEach(function (key) {
        var clause = clauses.find(function (c) { return key.startsWith(c.term); }) ||
          clauses.find(function (c) { return oneEdit(key, c.term) || oneEdit(key, c.stem); });
        var name = clause ? clause.term : key;
        mergeInto(renamed[name] || (renamed[name] = {}), metadata[key]);
      });
      result.matchData.metadata = renamed;
    });
  }

  function count(flags) {
    return flags.filter(Boolean).length;
  }

  /* What each page's matches say about it, page by page (a page's sections share its rank). */
  function evidence(results, clauses) {
    var pages = Object.create(null);
    results.forEach(function (result) {
      var page = result.ref.split("#")[0];
      var seen = pages[page] || (pages[page] = { matched: [], exact: [], spelled: [], tagged: [], named: [] });
      var metadata = result.matchData.metadata;
      Object.keys(metadata).forEach(function (key) {
        var fields = metadata[key];
        clauses.forEach(function (c, i) {
          if (key.startsWith(c.term)) seen.matched[i] = true;
          if (key !== c.term && stem(key) !== c.stem) return;
          if (fields.title || fields.text) seen.exact[i] = true;
          if (fields.tags || fields.spellings) seen.spelled[i] = true;
          if (fields.tags) seen.tagged[i] = true;
          if (fields.tags || fields.spellings || (fields.title && result.ref === page)) seen.named[i] = true;
        });
      });
    });
    return pages;
  }

  /* A word found only among a page's names (tags, search spellings) counts as whole when the
     query is a spelling of the page's name (all its words are there): "ICO ban" does not find
     网信办 (Wǎngxìnbàn, spelt "wang xin ban") by its last syllable, "bi te bi" finds 比特币. */
  function rankKey(seen, n, boost) {
    var spelt = count(seen.spelled) === n;
    var exact = clausesWhere(n, function (i) { return seen.exact[i] || (spelt && seen.spelled[i]); });
    var record = boost >= 1 ? 1 : 0;
    return [count(seen.matched), record, exact, count(seen.tagged) === n ? 1 : 0, count(seen.named), boost];
  }

  function clausesWhere(n, test) {
    var found = 0;
    for (var i = 0; i < n; i++) if (test(i)) found++;
    return found;
  }

  function compareKeys(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
    return 0;
  }

  /* The results with scores that put them in rank order, best first (see 2. above). */
  function rank(results, clauses) {
    if (!clauses.length || !results.length) return results;
    var pages = evidence(results, clauses);
    var keys = Object.create(null), distinct = [];
    Object.keys(pages).forEach(function (page) {
      var key = rankKey(pages[page], clauses.length, page in boosts ? boosts[page] : 1);
      keys[page] = key;
      distinct.push(key);
    });
    distinct.sort(compareKeys);
    var level = Object.create(null), levels = 0;
    distinct.forEach(function (key) {
      var name = key.join(",");
      if (!(name in level)) level[name] = levels++;
    });
    var top = Math.max.apply(null, results.map(function (r) { return r.score; })) || 1;
    results.forEach(function (result) {
      var height = Math.min(levels - 1 - level[keys[result.ref.split("#")[0]].join(",")], 250);
      result.score = Math.pow(11, height) * (1 + result.score / top);
    });
    return results.sort(function (a, b) { return b.score - a.score; });
  }

  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (text) {
    text = text.split(SENTINEL).join("");
    var clauses = clausesOf(this, text);
    var results = search.call(this, text);
    var fuzzy = results.length ? "" : fuzzyQuery(clauses);
    if (fuzzy) {
      results = search.call(this, fuzzy);
      fileUnderClauses(results, clauses);
    }
    results = rank(results, clauses);
    return results.length > LIMIT ? results.slice(0, LIMIT) : results;
  };
})();
