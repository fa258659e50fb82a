// The page's inline style sheet and script: no network, no external file.
export const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1d2330; background: #fafbfc; }
header { padding: 14px 22px 10px; background: #fff; border-bottom: 1px solid #dde1e7; }
h1 { font-size: 19px; margin: 0 0 6px; }
.meta { color: #5b6472; font-size: 12.5px; }
.banner { display: inline-block; font-weight: 600; padding: 3px 10px; border-radius: 4px; margin: 6px 0 2px; }
.banner.reproduced { background: #fde2e1; color: #a3120f; }
.banner.diverged { background: #fff0d6; color: #8a5300; }
.banner.fixed { background: #ddf4e0; color: #17692a; }
.banner.recorded { background: #e8ecf5; color: #2b3b5c; }
section { padding: 10px 22px; }
.headline { font-weight: 600; }
.explanation { max-width: 1100px; color: #333; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 12.5px; color: #374151; }
.legend span { display: inline-flex; align-items: center; gap: 5px; }
.frame { display: flex; border: 1px solid #dde1e7; background: #fff; }
.labels { flex: none; border-right: 1px solid #dde1e7; background: #fff; }
.scroller { overflow-x: auto; flex: 1; }
#diagram text, #lane-labels text { font: 11px system-ui, sans-serif; }
.lane-label { font-weight: 600; font-size: 12.5px !important; fill: #1d2330; }
.lane-detail { fill: #7a8494; }
.axis-title { fill: #5b6472; }
.band-even { fill: #ffffff; } .band-odd { fill: #f3f6fa; } .band-coordinator { fill: #f6f3fb; }
.lane { stroke: #c5ccd6; stroke-width: 1; }
.tick-line { stroke: #e6e9ee; stroke-width: 1; } .tick-label { fill: #8a93a1; }
.paused { fill: #f2b84b; opacity: .75; }
.msg line { stroke-width: 1.3; } .msg-record line { stroke: #4a6fa5; } .msg-reinjected line { stroke: #2ca02c; stroke-dasharray: 2 3; }
.msg-barrier line { stroke: #e08a00; stroke-dasharray: 5 3; }
.msg-priority-barrier line { stroke: #e08a00; stroke-width: 2.4; }
.msg-cancellation line { stroke: #6b7280; stroke-dasharray: 2 2; }
.s-cancellation { stroke: #6b7280; stroke-width: 2; fill: none; }
.msg-witness line { stroke: #d62728; stroke-width: 2.6; } .msg-label { fill: #d62728; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.msg-dropped line { stroke-dasharray: 1 3; opacity: .45; } .msg-dropped.msg-witness line { opacity: 1; }
.hit { fill: transparent; stroke: transparent; stroke-width: 9; }
.s-read { fill: #fff; stroke: #4a6fa5; stroke-width: 1.5; } .s-sent { fill: #4a6fa5; } .s-processed { fill: #1f3b63; }
.s-barrier { fill: #e08a00; } .s-snapshot { fill: #7b3fa0; } .s-channel-state { fill: #fff; stroke: #7b3fa0; stroke-width: 1.5; }
.s-blocked { fill: #c98a0c; } .s-unblocked { fill: #fff; stroke: #c98a0c; stroke-width: 1.2; }
.s-trigger { fill: #2b3b5c; } .s-completed { fill: #2ca02c; } .s-aborted { stroke: #6b7280; stroke-width: 2; fill: none; }
.s-reinjected { fill: #2ca02c; } .s-minor { fill: #9aa3b2; }
.glyph-text { fill: #4b5563; font-size: 10px !important; } .snap-text { fill: #7b3fa0; font-weight: 600; }
.cut polyline { fill: none; stroke: #b493c8; stroke-width: 1.5; stroke-dasharray: 6 4; }
.cut text { fill: #9b7bb0; } .cut-focus polyline { stroke: #7b3fa0; stroke-width: 3; } .cut-focus text { fill: #7b3fa0; font-weight: 700; }
.vertical line { stroke-width: 2; } .vertical text { font-weight: 700; } .vertical.witness line { stroke-width: 4; }
.vertical.crash line { stroke: #d62728; } .vertical.crash text { fill: #d62728; }
.vertical.restore line { stroke: #2ca02c; stroke-dasharray: 6 3; } .vertical.restore text { fill: #2ca02c; }
.vertical.liveness line { stroke: #9aa3b2; stroke-dasharray: 2 4; } .vertical.liveness text { fill: #7a8494; font-weight: 400; }
.halo { fill: rgba(214, 39, 40, .14); stroke: #d62728; stroke-width: 2; }
.halo-blame { fill: rgba(224, 138, 0, .12); stroke: #e08a00; stroke-width: 2; stroke-dasharray: 3 2; }
.witness-label { fill: #d62728; font-weight: 700; font-size: 11.5px !important; }
.blame-label { fill: #e08a00; font-weight: 800; font-size: 15px !important; }
.ev { cursor: default; } .ev.hl circle, .ev.hl rect, .ev.hl path { filter: drop-shadow(0 0 3px #0a58ca); }
.ev.hl .halo, .ev.hl .halo-blame { stroke-width: 3.5; }
#tip { position: fixed; pointer-events: none; display: none; max-width: 560px; background: #1d2330; color: #fff; padding: 7px 10px;
  border-radius: 5px; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; box-shadow: 0 4px 14px rgba(0,0,0,.25); z-index: 10; }
table.trace { border-collapse: collapse; font: 12.5px/1.35 ui-monospace, SFMono-Regular, Menlo, monospace; }
table.trace td { padding: 2px 8px; vertical-align: top; border-bottom: 1px solid #eef0f3; }
table.trace td.what { white-space: nowrap; }
table.trace tr.witness td { background: #fdecec; } table.trace tr.blame td { background: #fff4df; }
table.trace tr.gap td { color: #9aa3b2; font-style: italic; border-bottom: none; }
table.trace tr:hover td { background: #e7f0ff; }
td.mark { font-weight: 700; color: #d62728; white-space: nowrap; } td.note { color: #6b7280; font-family: system-ui, sans-serif; }
`;

export const SCRIPT = `
(function () {
  var tip = document.getElementById('tip');
  function show(e, text) { tip.textContent = text; tip.style.display = 'block'; move(e); }
  function move(e) {
    var x = e.clientX + 14, y = e.clientY + 14;
    if (x + tip.offsetWidth > window.innerWidth - 8) x = e.clientX - tip.offsetWidth - 14;
    if (y + tip.offsetHeight > window.innerHeight - 8) y = e.clientY - tip.offsetHeight - 14;
    tip.style.left = x + 'px'; tip.style.top = y + 'px';
  }
  function hide() { tip.style.display = 'none'; }
  document.querySelectorAll('[data-tip]').forEach(function (el) {
    el.addEventListener('mouseenter', function (e) { show(e, el.getAttribute('data-tip')); });
    el.addEventListener('mousemove', move);
    el.addEventListener('mouseleave', hide);
  });
  function glyphsOf(step) { return document.querySelectorAll('#diagram .ev[data-step="' + step + '"]'); }
  document.querySelectorAll('tr[data-step]').forEach(function (row) {
    var step = row.getAttribute('data-step');
    row.addEventListener('mouseenter', function () { glyphsOf(step).forEach(function (g) { g.classList.add('hl'); }); });
    row.addEventListener('mouseleave', function () { glyphsOf(step).forEach(function (g) { g.classList.remove('hl'); }); });
    row.addEventListener('click', function () { var g = glyphsOf(step)[0]; if (g) g.scrollIntoView({ block: 'nearest', inline: 'center' }); });
  });
  var first = document.querySelector('#diagram [data-witness]');
  var scroller = document.querySelector('.scroller');
  if (first && scroller) {
    var box = first.getBoundingClientRect(), frame = scroller.getBoundingClientRect();
    if (box.left > frame.right - 40) scroller.scrollLeft = box.left - frame.left - frame.width / 3;
  }
})();
`;
