/* Schakel: the one script of the platform. No dependencies, no inline handlers.
 *
 * Quick exit ("Snel weg"): a visitor who may be watched can leave any page at
 * once, by the #snel-weg link or by pressing Shift three times in a row. The
 * page blanks first, then the current history entry is replaced by a neutral
 * site. Without JavaScript the link still works as an ordinary link.
 *
 * A flag in sessionStorage remembers that this tab left the site. When the
 * visitor (or someone else) then presses Back and lands on an earlier Schakel
 * page, that page blanks and leaves again instead of showing its content.
 * Opening the site anew (typing the address, a link, a reload) clears the flag.
 */
(function () {
  'use strict';

  var FLAG_KEY = 'schakel.quick-exit';
  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 5000;
  var OVERLAY_ID = 'quick-exit-overlay';
  var ACTIVE_CLASS = 'quick-exit-active';
  var FALLBACK_URL = 'about:blank';

  var shiftTimes = [];

  // ---------- sessionStorage, which may be missing or throw ----------

  function setFlag() {
    try {
      window.sessionStorage.setItem(FLAG_KEY, '1');
    } catch (e) {
      /* private mode or storage disabled: the overlay still works */
    }
  }

  function hasFlag() {
    try {
      return window.sessionStorage.getItem(FLAG_KEY) === '1';
    } catch (e) {
      return false;
    }
  }

  function clearFlag() {
    try {
      window.sessionStorage.removeItem(FLAG_KEY);
    } catch (e) {
      /* nothing to clear */
    }
  }

  // ---------- leaving ----------

  function exitUrl() {
    var link = document.getElementById('snel-weg');
    return (link && link.href) || FALLBACK_URL;
  }

  // Hides everything at once: a class on <html> (CSS hides every child of
  // <body>) and a white overlay above all, so nothing stays readable while
  // the neutral site loads.
  function blank() {
    var root = document.documentElement;
    root.classList.add(ACTIVE_CLASS);
    if (!document.getElementById(OVERLAY_ID)) {
      var overlay = document.createElement('div');
      overlay.id = OVERLAY_ID;
      overlay.className = 'quick-exit-overlay';
      overlay.setAttribute('aria-hidden', 'true');
      (document.body || root).appendChild(overlay);
    }
    try {
      document.title = '';
    } catch (e) {
      /* ignore */
    }
  }

  function leave() {
    blank();
    setFlag();
    window.location.replace(exitUrl());
  }

  // ---------- triggers ----------

  function onClick(event) {
    var target = event.target;
    var link = target && target.closest ? target.closest('#snel-weg') : null;
    if (!link) return;
    event.preventDefault();
    leave();
  }

  // Three presses of Shift within five seconds, with no other key in between
  // (so that typing capital letters in a form never sends anyone away).
  function onKeyDown(event) {
    if (event.key !== 'Shift') {
      shiftTimes = [];
      return;
    }
    if (event.repeat) return;
    var now = Date.now();
    shiftTimes.push(now);
    while (shiftTimes.length && now - shiftTimes[0] > SHIFT_WINDOW_MS) {
      shiftTimes.shift();
    }
    if (shiftTimes.length >= SHIFT_PRESSES) {
      shiftTimes = [];
      leave();
    }
  }

  // ---------- coming back ----------

  function navigationType() {
    try {
      var entries = window.performance.getEntriesByType('navigation');
      if (entries && entries.length) return entries[0].type;
    } catch (e) {
      /* old browser */
    }
    try {
      // Deprecated API, for browsers without Navigation Timing level 2.
      if (window.performance.navigation.type === 2) return 'back_forward';
    } catch (e) {
      /* ignore */
    }
    return 'navigate';
  }

  // A page reached with Back/Forward after the visitor left: blank it and
  // leave again, so the history never shows its content.
  function leaveAgainIfExited(restored) {
    if (!hasFlag()) return false;
    if (!restored) return false;
    leave();
    return true;
  }

  function onPageShow(event) {
    if (event.persisted) {
      // Restored from the back-forward cache: the DOM is as it was left.
      shiftTimes = [];
      leaveAgainIfExited(true);
    }
  }

  // At load: a page opened by Back/Forward in a tab that left the site leaves
  // again; any other way of opening a page means a new visit.
  if (!leaveAgainIfExited(navigationType() === 'back_forward')) {
    clearFlag();
  }

  document.addEventListener('click', onClick);
  document.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('pageshow', onPageShow);
})();

/* Live search: on the results page, the results follow what one types. The
 * page works without this (the form submits as usual); with it, the results
 * region is fetched as HTML from the same URL and swapped in, so the server
 * renders one thing only. The region is aria-live, so screen readers hear the
 * new count; the focus stays in the search box.
 */
(function () {
  'use strict';

  var form = document.querySelector('form[data-live-search]');
  var region = document.getElementById('zoekresultaten');
  if (!form || !region || !window.fetch || !window.DOMParser) return;
  var input = form.querySelector('input[name="q"]');
  if (!input) return;

  var DELAY_MS = 250;
  var timer = null;
  var controller = null;
  var lastQuery = input.value;

  function urlFor() {
    var params = new URLSearchParams(new FormData(form));
    return form.getAttribute('action') + '?' + params.toString();
  }

  function refresh() {
    var query = input.value;
    if (query === lastQuery) return;
    lastQuery = query;
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    var url = urlFor();
    region.setAttribute('aria-busy', 'true');
    form.classList.add('is-searching');
    fetch(url, { credentials: 'same-origin', signal: controller ? controller.signal : undefined })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var fresh = page.getElementById('zoekresultaten');
        if (!fresh) return;
        region.innerHTML = fresh.innerHTML;
        if (window.history && history.replaceState) history.replaceState(null, '', url);
      })
      .catch(function () { /* aborted or offline: the form still submits */ })
      .then(function () {
        region.removeAttribute('aria-busy');
        form.classList.remove('is-searching');
      });
  }

  input.addEventListener('input', function () {
    if (timer) clearTimeout(timer);
    timer = setTimeout(refresh, DELAY_MS);
  });
})();
