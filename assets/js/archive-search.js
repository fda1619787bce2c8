/* Schakel: the search of the static archive (schakel export-static). No
 * dependencies and no server: the index is a script beside this one that sets
 * window.SCHAKEL_ZOEKINDEX = {pages: [[url, title, snippet], ...],
 * terms: {word: [page ids]}}, built at export with the platform's folding
 * (lower case, accents off). A query word matches every indexed word that
 * starts with it, so "kinder" finds "kindermishandeling"; a page must match
 * every query word. Results show in the aria-live region #zoekresultaten.
 */
(function () {
  'use strict';

  var index = window.SCHAKEL_ZOEKINDEX;
  var region = document.getElementById('zoekresultaten');
  var input = document.getElementById('archief-zoekterm');
  if (!index || !region || !input) return;

  var STOP = ['de', 'het', 'een', 'en', 'van', 'in', 'op', 'te', 'is', 'voor', 'met', 'aan',
    'dat', 'die', 'of', 'je', 'bij', 'om', 'als', 'er', 'zijn', 'naar', 'wat', 'hoe'];
  var terms = Object.keys(index.terms).sort();

  function fold(text) {
    var out = text.toLowerCase();
    if (out.normalize) out = out.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    return out.replace(/\u0133/g, 'ij').replace(/\u00df/g, 'ss');
  }

  function words(text) {
    return fold(text).split(/[^a-z0-9\u00c0-\uffff]+/).filter(function (w) {
      return w.length > 1 && STOP.indexOf(w) < 0;
    });
  }

  // The first index in the sorted terms not below `word`.
  function lowerBound(word) {
    var lo = 0;
    var hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < word) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // Page id -> score for one query word: 2 for the exact word, 1 for a longer one.
  function pagesFor(word) {
    var found = {};
    for (var i = lowerBound(word); i < terms.length && terms[i].lastIndexOf(word, 0) === 0; i++) {
      var weight = terms[i] === word ? 2 : 1;
      index.terms[terms[i]].forEach(function (id) {
        found[id] = Math.max(found[id] || 0, weight);
      });
    }
    return found;
  }

  function search(query) {
    var list = words(query);
    if (!list.length) return [];
    var scores = null;
    list.forEach(function (word) {
      var found = pagesFor(word);
      var next = {};
      Object.keys(found).forEach(function (id) {
        if (scores === null || scores[id] !== undefined) next[id] = (scores ? scores[id] : 0) + found[id];
      });
      scores = next;
    });
    return Object.keys(scores).map(function (id) {
      var page = index.pages[id];
      var title = fold(page[1]);
      var bonus = list.every(function (w) { return title.indexOf(w) >= 0; }) ? 3 : 0;
      return { page: page, score: scores[id] + bonus };
    }).sort(function (a, b) {
      return b.score - a.score || (a.page[1] < b.page[1] ? -1 : 1);
    });
  }

  function element(name, text) {
    var el = document.createElement(name);
    if (text) el.textContent = text;
    return el;
  }

  function show(query) {
    region.textContent = '';
    if (!query.trim()) return;
    var results = search(query);
    var count = element('p', results.length === 1
      ? '1 resultaat voor \u201c' + query + '\u201d'
      : results.length + ' resultaten voor \u201c' + query + '\u201d');
    count.className = 'search-count';
    region.appendChild(count);
    if (!results.length) {
      region.appendChild(element('p', 'Probeer een ander of korter woord.'));
      return;
    }
    var list = element('ul');
    list.className = 'cards';
    results.forEach(function (r) {
      var item = element('li');
      item.className = 'card';
      var heading = element('h2');
      var link = element('a', r.page[1]);
      link.href = r.page[0];
      heading.appendChild(link);
      item.appendChild(heading);
      if (r.page[2]) item.appendChild(element('p', r.page[2]));
      list.appendChild(item);
    });
    region.appendChild(list);
  }

  var params = new URLSearchParams(window.location.search);
  var query = params.get('q') || '';
  input.value = query;
  show(query);

  var timer = null;
  input.addEventListener('input', function () {
    if (timer) clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 200);
  });
})();
