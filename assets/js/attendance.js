/* Schakel: attendance list of a training session (progressive enhancement).
 *
 * Without JavaScript every row is a small form that saves and reloads the page.
 * With it, a press saves in the background (fetch, JSON answer), the row, the
 * count and the button change in place, and an aria-live region announces what
 * was saved. When the request fails, the form is submitted the ordinary way.
 */
(function () {
  'use strict';

  function live(text) {
    var region = document.querySelector('[data-attendance-live]');
    if (region) region.textContent = text;
  }

  function update(form, data) {
    var row = form.closest('.attendance-row');
    var value = form.querySelector('[data-attendance-value]');
    var word = form.querySelector('[data-attendance-word]');
    var state = row ? row.querySelector('[data-attendance-state]') : null;
    var button = form.querySelector('button');
    if (row) row.classList.toggle('is-present', data.is_present);
    if (state) state.textContent = data.is_present ? '✓ Aanwezig' : '✗ Afwezig';
    if (value) value.value = data.is_present ? '0' : '1';
    if (word) word.textContent = data.is_present ? 'afwezig' : 'aanwezig';
    if (button) button.classList.toggle('button-secondary', data.is_present);
    var present = document.querySelector('[data-attendance-present]');
    var total = document.querySelector('[data-attendance-total]');
    if (present) present.textContent = String(data.present);
    if (total) total.textContent = String(data.total);
    live('Opgeslagen: ' + data.message + ' ' + data.present + ' van ' + data.total + ' aanwezig.');
  }

  function onSubmit(event) {
    var form = event.target;
    if (!form.matches || !form.matches('[data-attendance-form]')) return;
    if (!window.fetch || !window.URLSearchParams || !window.FormData) return;
    event.preventDefault();
    var button = form.querySelector('button');
    if (button) button.disabled = true;
    live('Bezig met opslaan…');
    window.fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      body: new URLSearchParams(new FormData(form))
    }).then(function (response) {
      return response.json().catch(function () {
        return null;
      }).then(function (data) {
        if (!response.ok || !data) {
          throw new Error(data && data.error ? data.error.message : 'probeer het opnieuw.');
        }
        return data;
      });
    }).then(function (data) {
      update(form, data);
    }).catch(function (error) {
      live('Niet opgeslagen: ' + error.message);
    }).then(function () {
      if (button) button.disabled = false;
    });
  }

  document.addEventListener('submit', onSubmit);
})();
