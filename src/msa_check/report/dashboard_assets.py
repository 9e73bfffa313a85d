"""The supplier dashboard's own style sheet and its sorting and filtering script.

Apart from the renderer (report/dashboard.py) because they are CSS and JavaScript held as
text, written into every page unchanged: the renderer's Python reads better without them.
"""

from __future__ import annotations

DASHBOARD_STYLE = """
body { max-width: 80rem; }
.charts { display: flex; flex-wrap: wrap; gap: 2rem; }
.chart { flex: 1 1 30rem; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; margin: .5rem 0; }
.filters label { display: flex; flex-direction: column; font-weight: 600; }
.filters input, .filters select { font: inherit; padding: .25rem; }
table.suppliers th button { font: inherit; font-weight: 700; background: none; border: 0;
  padding: 0; cursor: pointer; text-align: left; }
table.suppliers td, table.suppliers th { font-size: .9rem; }
.supplier { break-inside: avoid; border-top: 1px solid #8a8a8a; padding-top: .25rem; }
.supplier h3 { margin: .75rem 0 .25rem; }
@media print {
  .filters { display: none; }
  table.suppliers th button { cursor: auto; }
}
"""

# Sorts by the clicked column (numbers as numbers) and filters by text and rating. Without
# it the page is the same table, in input order, unfiltered.
SCRIPT = """
(function () {
  var table = document.getElementById('suppliers');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var text = document.getElementById('filter-text');
  var rating = document.getElementById('filter-rating');
  var shown = document.getElementById('shown');
  document.getElementById('filters').hidden = false;
  function filter() {
    var q = text.value.toLowerCase(), r = rating.value, n = 0;
    rows.forEach(function (row) {
      var ok = (!q || row.textContent.toLowerCase().indexOf(q) >= 0) &&
               (!r || row.getAttribute('data-rating') === r);
      row.hidden = !ok; if (ok) { n++; }
    });
    shown.textContent = n + ' of ' + rows.length + ' suppliers shown';
  }
  text.addEventListener('input', filter);
  rating.addEventListener('change', filter);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, index) {
    var button = cell.querySelector('button');
    if (!button) { return; }
    button.addEventListener('click', function () {
      var ascending = cell.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) {
        c.removeAttribute('aria-sort');
      });
      cell.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      rows.sort(function (a, b) {
        var x = a.cells[index].getAttribute('data-sort') || a.cells[index].textContent;
        var y = b.cells[index].getAttribute('data-sort') || b.cells[index].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return ascending ? c : -c;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  filter();
})();
"""
