/* Schakel: the readability score of the help page editor, live while typing.
 * A progressive enhancement: the server computes the same score on "Leesbaarheid
 * meten" and on save (src/citizens/readability.cpp holds the rule and its tests);
 * this script repeats that rule so the coordinator sees the score change at once.
 * Flesch-Douma: 206.84 - 0.77 * syllables per 100 words - 0.93 * words per sentence.
 */
(function () {
  'use strict';

  var form = document.querySelector('form.help-page-form');
  var box = document.getElementById('leesbaarheid');
  if (!form || !box) return;

  var PLAIN = { 'á': 'a', 'à': 'a', 'â': 'a', 'é': 'e', 'è': 'e', 'ê': 'e', 'í': 'i', 'ì': 'i',
    'î': 'i', 'ó': 'o', 'ò': 'o', 'ô': 'o', 'ú': 'u', 'ù': 'u', 'û': 'u' };
  var DIAERESIS = { 'ä': 'a', 'ë': 'e', 'ï': 'i', 'ö': 'o', 'ü': 'u' };
  var LEVELS = {
    easy: ['Makkelijk te lezen', 'Goed zo. De meeste mensen begrijpen deze tekst vlot.'],
    moderate: ['Redelijk moeilijk', 'Een deel van de lezers haakt af. Maak zinnen korter en kies gewone woorden.'],
    hard: ['Moeilijk te lezen', 'Veel lezers begrijpen dit niet. Schrijf korte zinnen met korte, gewone woorden.']
  };

  function syllables(word) {
    var groups = 0, inGroup = false, previous = '';
    var w = word.toLowerCase();
    for (var i = 0; i < w.length; i++) {
      var c = w[i], trema = false;
      if (DIAERESIS[c]) { c = DIAERESIS[c]; trema = true; } else if (PLAIN[c]) { c = PLAIN[c]; }
      var vowel = 'aeiouy'.indexOf(c) >= 0 || (c === 'j' && previous === 'i' && inGroup);
      if (vowel && (!inGroup || trema)) groups++;
      inGroup = vowel;
      previous = c;
    }
    return groups > 0 ? groups : 1;
  }

  function score(raw) {
    var text = raw.replace(/\]\([^)]*\)/g, ']');
    var words = 0, sentences = 0, syl = 0, inSentence = 0;
    var token = /[A-Za-z0-9\u00C0-\u017F]+|[.!?](?=\s|$)|\n/g, m;
    while ((m = token.exec(text)) !== null) {
      var t = m[0];
      if (t === '\n' || t === '.' || t === '!' || t === '?') {
        if (inSentence > 0) sentences++;
        inSentence = 0;
      } else {
        words++;
        inSentence++;
        syl += syllables(t);
      }
    }
    if (inSentence > 0) sentences++;
    if (words === 0) return null;
    var s = 206.84 - 0.77 * (100 * syl / words) - 0.93 * (words / sentences);
    return { score: s, level: s > 60 ? 'easy' : (s < 30 ? 'hard' : 'moderate') };
  }

  function fieldText(name) {
    var el = form.elements[name];
    return el ? el.value : '';
  }

  function update() {
    var parts = ['title', 'summary', 'what_is_it', 'recognise', 'react', 'talk', 'where_to_go'];
    var r = score(parts.map(fieldText).join('\n\n'));
    var number = box.querySelector('.readability-score');
    var label = box.querySelector('.readability-label');
    var advice = box.querySelector('.readability-advice');
    if (!r || !number || !label || !advice) return;
    number.textContent = String(Math.round(r.score));
    label.textContent = LEVELS[r.level][0];
    advice.textContent = (r.level === 'hard' ? 'Let op: ' : '') + LEVELS[r.level][1];
    box.className = 'readability readability-' + r.level;
    var items = box.querySelectorAll('[data-field]');
    for (var i = 0; i < items.length; i++) {
      var part = score(fieldText(items[i].getAttribute('data-field')));
      var out = items[i].querySelector('.readability-part-score');
      if (out) out.textContent = part ? Math.round(part.score) + ' (' + LEVELS[part.level][0] + ')' : '–';
    }
  }

  var timer = null;
  form.addEventListener('input', function () {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(update, 300);
  });
})();
