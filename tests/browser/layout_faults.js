// The page's geometry as a person sees it: what would be cut, crowded or off the screen
// (tests/browser/harness.py: layout_faults). ``narrow``: the widest screen that is a phone's.
(narrow) => {
  const faults = [];
  const W = window.innerWidth;
  const main = document.querySelector('[data-testid=stMain]');
  if (main && main.scrollWidth > main.clientWidth + 1)
    faults.push(`the page scrolls sideways: ${main.scrollWidth} > ${main.clientWidth} px`);
  for (const el of document.querySelectorAll('[data-testid=stMain] [data-testid=stElementContainer]')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > W + 1) faults.push(`wider than the screen: ${el.innerText.slice(0, 40)} (${Math.round(r.right)} > ${W} px)`);
  }
  const charts = [...document.querySelectorAll('[data-testid=stPlotlyChart]')];
  charts.forEach((chart, i) => {
    const name = (chart.querySelector('.gtitle') || {}).textContent || `chart ${i + 1}`;
    const boxes = [];
    const corners = (t) => {  // the text's own box, turned as it is drawn, on the screen
      const b = t.getBBox(), m = t.getScreenCTM();
      return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
        .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
    };
    const add = (selector, kind) => chart.querySelectorAll(selector).forEach((t) => {
      const r = t.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && t.textContent.trim() && t.getBBox)
        boxes.push({kind, text: t.textContent, r, t, c: corners(t)});
    });
    const apart = (p, q) => {  // two turned boxes overlap unless an edge's normal separates them
      for (const poly of [p, q]) for (let i = 0; i < 4; i++) {
        const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % 4], nx = y2 - y1, ny = x1 - x2;
        const along = (pts) => pts.map(([x, y]) => x * nx + y * ny);
        const a = along(p), b = along(q), len = Math.hypot(nx, ny) || 1;
        if (Math.min(...a) >= Math.max(...b) - len || Math.min(...b) >= Math.max(...a) - len) return true;
      }
      return false;
    };
    add('.xtick text', 'tick'); add('.ytick text', 'tick'); add('.legendtext', 'legend');
    add('text.bartext, .textpoint text, .slicetext', 'label');
    add('.g-xtitle text, .g-ytitle text', 'axis title'); add('.annotation-text', 'annotation');
    add('.gtitle', 'title');
    for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) {
      if (boxes[a].t.contains(boxes[b].t) || boxes[b].t.contains(boxes[a].t)) continue;
      if (!apart(boxes[a].c, boxes[b].c)) faults.push(`${name}: "${boxes[a].text}" (${boxes[a].kind}) overlaps "${boxes[b].text}" (${boxes[b].kind})`);
    }
    const c = chart.getBoundingClientRect();
    for (const b of boxes) if (b.r.right > c.right + 1 || b.r.left < c.left - 1)
      faults.push(`${name}: "${b.text}" (${b.kind}) cut at the chart's edge`);
    if (W <= narrow) for (const m of chart.querySelectorAll('.modebar-container'))
      if (getComputedStyle(m).display !== 'none') faults.push(`${name}: its toolbar is shown on a narrow screen`);
  });
  for (const el of document.querySelectorAll('[data-testid=stMetric] *'))
    if (el.scrollWidth > el.clientWidth + 1) faults.push(`a card's text is cut: ${el.textContent}`);
  return [...new Set(faults)];
}
