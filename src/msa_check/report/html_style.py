"""The style sheet of the HTML report, inlined so the file needs nothing from the network.

System fonts only (no web fonts). Colours meet WCAG 2.1 AA for normal text (at least 4.5:1
against their background; verdict badges are about 7:1), and every colour carries a word
or a mark as well. In print, badges keep their colours, links print their address, and a
criterion is not split across pages where it fits on one.
"""

from __future__ import annotations

# A table wider than a narrow window scrolls in this (the style's .table-wrap).
TABLE_WRAP = '<div class="table-wrap">'
STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 60rem; padding: 1.5rem;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1a1a1a; background: #ffffff; overflow-wrap: break-word;
}
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 {
  font-size: 1.35rem; margin: 2rem 0 .75rem; padding-bottom: .25rem;
  border-bottom: 2px solid #1a1a1a;
}
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
a { color: #0b4fb3; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #8a8a8a; padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; }
tbody th { font-weight: 600; background: #f6f6f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; margin: .5rem 0 1rem; }
.table-wrap > table { margin: 0; }
td a, td .mono, li a { overflow-wrap: anywhere; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
.id { color: #4a4a4a; font-weight: 400; font-size: .85rem; }
.mono {
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; word-break: break-all;
}
.verdict {
  display: inline-block; padding: 0 .45rem; border: 1px solid currentColor; border-radius: .3rem;
  font-weight: 700; white-space: nowrap;
}
.verdict-met { color: #1b5e20; background: #e8f5e9; }
.verdict-partial { color: #5f4300; background: #fff4d6; }
.verdict-missing { color: #a31515; background: #fdecec; }
.verdict-not_checked { color: #3d3d3d; background: #f1f1f1; }
.outcome {
  font-size: 1.1rem; font-weight: 700; padding: .6rem .8rem; border-left: .4rem solid currentColor;
}
.outcome-met { color: #1b5e20; background: #e8f5e9; }
.outcome-unmet { color: #a31515; background: #fdecec; }
.outcome-warn { color: #5f4300; background: #fff4d6; }
.flags, .alerts { list-style: none; padding: 0; }
.flags > li, .alerts > li {
  margin: 0 0 .75rem; padding: .5rem .75rem; border: 1px solid #8a6d00; border-left-width: .4rem;
  background: #fffaeb;
}
.alerts > li { border-color: #a31515; background: #fdecec; }
blockquote {
  margin: .5rem 0; padding: .4rem .75rem; border-left: .25rem solid #8a8a8a; background: #fafafa;
}
blockquote p { margin: 0; }
mark { background: #ffe680; color: #000000; padding: 0 .1rem; }
blockquote.set-aside { color: #3d3d3d; background: #ededed; border-left-style: dashed; }
.set-aside-label {
  font-size: .8rem; font-weight: 700; text-transform: uppercase; letter-spacing: .03em;
  border: 1px solid currentColor; border-radius: .3rem; padding: 0 .3rem;
}
.where { margin: .2rem 0 0; font-size: .9rem; color: #4a4a4a; }
.note { font-style: italic; }
.criterion { border-top: 1px solid #cfcfcf; }
footer { margin-top: 2.5rem; font-size: .9rem; color: #4a4a4a; }
@media (max-width: 40rem) {
  body { padding: .75rem; }
  h1 { font-size: 1.4rem; }
  th, td { padding: .3rem .35rem; }
}
@media print {
  .table-wrap { overflow: visible; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  .criterion, .flags > li, .alerts > li, tr { break-inside: avoid; }
  .verdict, .outcome, mark, .flags > li, .alerts > li, thead th {
    -webkit-print-color-adjust: exact; print-color-adjust: exact;
  }
  a { color: #000000; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 85%; word-break: break-all; }
}
"""
