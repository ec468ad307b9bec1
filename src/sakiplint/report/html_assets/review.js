/* sakiplint review page: select a finding (its marks, the cells it used, its list entry),
   show its details on hover and click, filter by severity and category. Report text is only
   ever moved as DOM nodes or textContent, never parsed as HTML. */
(function () {
  'use strict';
  var pop = document.getElementById('pop');
  var pinned = 0;
  var lit = [];

  function marks(n) { return document.querySelectorAll('.m[data-f="' + n + '"]'); }
  function nrel(n) {
    var d = document.getElementById('d' + n);
    return d ? d.querySelectorAll('a[data-rk]').length : 0;
  }

  function show(n, el) {
    var d = document.getElementById('d' + n);
    if (!d || !el) { return; }
    var copy = d.cloneNode(true);
    copy.removeAttribute('id');
    var list = document.createElement('ul');
    list.style.margin = '0';
    list.style.padding = '0';
    list.appendChild(copy);
    pop.replaceChildren(list);
    pop.hidden = false;
    var r = el.getBoundingClientRect();
    var w = pop.offsetWidth;
    var left = Math.max(4, Math.min(r.left, document.documentElement.clientWidth - w - 8));
    pop.style.left = (left + window.scrollX) + 'px';
    pop.style.top = (r.bottom + window.scrollY + 6) + 'px';
  }

  function hide() { pop.hidden = true; pop.replaceChildren(); }

  function clear() {
    lit.forEach(function (e) { e.classList.remove('sel', 'used', 'cur'); });
    lit = [];
  }

  function light(e, cls) { e.classList.add(cls); lit.push(e); }

  function select(n, scroll) {
    clear();
    var ms = marks(n);
    ms.forEach(function (e) { light(e, 'sel'); });
    for (var k = 0, c = nrel(n); k < c; k++) {
      document.querySelectorAll('[data-rk~="' + n + '.' + k + '"]').forEach(function (e) {
        if (!e.closest('#pop') && !e.closest('.fd')) { light(e, 'used'); }
      });
    }
    document.querySelectorAll('#panel a[data-n="' + n + '"]').forEach(function (e) {
      light(e, 'cur');
    });
    var first = document.getElementById('f' + n) || ms[0];
    if (first && scroll) { first.scrollIntoView({block: 'center', inline: 'nearest'}); }
    pinned = n;
    show(n, first);
    if (history.replaceState) { history.replaceState(null, '', '#f' + n); }
  }

  function unselect() { clear(); pinned = 0; hide(); }

  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) { return; }
    var a = t.closest('a[data-n]');
    if (a) { ev.preventDefault(); select(+a.getAttribute('data-n'), true); return; }
    var r = t.closest('a[data-rk]');
    if (r) {
      ev.preventDefault();
      var key = r.getAttribute('data-rk');
      var n = +key.split('.')[0];
      if (pinned !== n) { select(n, false); }
      var target = document.querySelector('.doc [data-rk~="' + key + '"]');
      if (target) { target.scrollIntoView({block: 'center', inline: 'nearest'}); }
      return;
    }
    var m = t.closest('.m');
    if (m) { select(+m.getAttribute('data-f'), false); return; }
    if (!t.closest('#pop')) { unselect(); }
  });

  document.addEventListener('mouseover', function (ev) {
    if (pinned || !(ev.target instanceof Element)) { return; }
    var m = ev.target.closest('.m');
    if (m) { show(+m.getAttribute('data-f'), m); }
  });
  document.addEventListener('mouseout', function (ev) {
    if (!pinned && ev.target instanceof Element && ev.target.closest('.m')) { hide(); }
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape') { unselect(); }
  });

  document.querySelectorAll('input[data-hide]').forEach(function (box) {
    box.addEventListener('change', function () {
      document.body.classList.toggle('hide-' + box.getAttribute('data-hide'), !box.checked);
    });
  });

  var h = /^#f(\d+)$/.exec(location.hash);
  if (h && document.getElementById('f' + h[1])) { select(+h[1], true); }
})();
