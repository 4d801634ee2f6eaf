// The map page: fetch /api/events and /api/timeline with the form's filters, draw markers on
// Natural Earth country shapes (no tile server: it runs offline), a timeline of counts, and a list.
// Text from the store is untrusted: it is only ever set with textContent, never as HTML.
"use strict";
(function () {
  const form = document.getElementById("filters");
  const map = L.map("map", { worldCopyJump: true, minZoom: 1 }).setView([25, 30], 2);
  const markers = L.layerGroup().addTo(map);
  const FIELDS = ["since", "until", "type", "status", "country", "mode", "actor", "q"];
  const MAX_EVENTS = 3000;

  fetch("/static/countries.geojson").then((r) => r.json()).then((shapes) => {
    // Not interactive: clicks reach the event markers, and only markers are .leaflet-interactive.
    L.geoJSON(shapes, { interactive: false,
                        style: { color: "#8a8a8a", weight: 0.6, fillColor: "#f4f1e8", fillOpacity: 1 } })
      .addTo(map).bringToBack();
  });

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  }

  function params() {
    const p = new URLSearchParams();
    for (const name of FIELDS) {
      const value = form.elements[name].value.trim();
      if (value) p.set(name, value);
    }
    if (form.elements.inview.checked) {
      const b = map.getBounds();
      p.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(4)).join(","));
    }
    return p;
  }

  async function getJSON(url) {
    const response = await fetch(url);
    const body = await response.json();
    if (!response.ok) throw new Error(body.detail || response.statusText);
    return body;
  }

  async function allEvents(p) {
    let events = [];
    let after = null;
    do {
      const q = new URLSearchParams(p);
      q.set("limit", "1000");
      if (after) q.set("after", after);
      const page = await getJSON("/api/events?" + q);
      events = events.concat(page.events);
      after = page.next;
    } while (after && events.length < MAX_EVENTS);
    return events;
  }

  function who(actors) { return [...new Set(actors.map((a) => a.name))].join("; "); }
  function total(event, kind) {
    // The lowest figure across reports (ACLED's convention), as the API's summary does.
    let best = null;
    for (const f of event.figures) {
      const of = f.casualties.filter((c) => c.kind === kind && c.low !== null && !c.part_of_total);
      const revised = of.filter((c) => c.revised);
      const counted = revised.length ? revised : of;
      if (counted.length) {
        const sum = counted.reduce((s, c) => s + c.low, 0);
        best = best === null ? sum : Math.min(best, sum);
      }
    }
    return best;
  }

  function drawMap(events) {
    markers.clearLayers();
    for (const e of events) {
      const loc = e.location;
      if (!loc || loc.lat === null || loc.lon === null) continue;
      const killed = total(e, "killed") || 0;
      const marker = L.circleMarker([loc.lat, loc.lon], {
        radius: 5 + Math.min(10, Math.sqrt(killed) * 2), color: "#7b241c", weight: 1,
        fillColor: e.type === "ASSAULT" ? "#c0392b" : "#2874a6", fillOpacity: 0.7,
      });
      const popup = el("div");
      const link = el("a", `${e.type} “${e.trigger.text}”`, { href: "/events/" + encodeURIComponent(e.id) });
      const day = shownDate(e.summary);
      popup.append(link, el("div", `${loc.name}${day !== "–" ? " · " + day : ""}`));
      marker.bindPopup(popup);
      marker.addTo(markers);
    }
  }

  function drawTimeline(counts) {
    const box = document.getElementById("timeline");
    box.replaceChildren();
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 1000 90");
    svg.setAttribute("preserveAspectRatio", "none");
    box.append(svg);
    if (!counts.length) return;
    const max = Math.max(...counts.map((c) => c.n));
    // Bars stand at their dates, so a quiet week shows as a gap rather than disappearing.
    const day = (period) => Date.parse(period.length === 7 ? period + "-01" : period) / 86400000;
    const first = day(counts[0].period);
    const days = day(counts[counts.length - 1].period) - first + 1;
    const width = 980 / days;
    counts.forEach((c) => {
      const h = (c.n / max) * 70;
      const rect = document.createElementNS(ns, "rect");
      rect.setAttribute("x", (10 + (day(c.period) - first) * width).toFixed(2));
      rect.setAttribute("width", Math.max(2, width * 0.8).toFixed(2));
      rect.setAttribute("y", (75 - h).toFixed(2));
      rect.setAttribute("height", h.toFixed(2));
      const title = document.createElementNS(ns, "title");
      title.textContent = `${c.period}: ${c.n}`;
      rect.append(title);
      svg.append(rect);
    });
    for (const [i, c] of [[0, counts[0]], [counts.length - 1, counts[counts.length - 1]]]) {
      const label = document.createElementNS(ns, "text");
      label.setAttribute("x", i === 0 ? 2 : 998);
      label.setAttribute("text-anchor", i === 0 ? "start" : "end");
      label.setAttribute("y", 87);
      label.textContent = c.period;
      svg.append(label);
    }
  }

  function shownDate(s) {
    // "2024-03-14"; "2024-02-26 (week)" when the date is wider than a day; "–" for none
    if (!s.event_date) return "–";
    return s.date_precision === "day" ? s.event_date : `${s.event_date} (${s.date_precision})`;
  }

  function drawList(events) {
    const body = document.querySelector("#event-list tbody");
    body.replaceChildren();
    for (const e of events) {
      const row = el("tr", null, { "data-event-id": e.id });
      const type = el("td");
      type.append(el("a", e.type, { href: "/events/" + encodeURIComponent(e.id) }));
      // the summary row's calendar date and figures with their qualifiers ("12+", "10–15")
      const s = e.summary;
      row.append(el("td", shownDate(s), { title: s.date_value || "" }), type, el("td", e.mode || "–"),
        el("td", e.status), el("td", who(e.source_actors)), el("td", who(e.target_actors)),
        el("td", e.location ? e.location.name : "–"),
        el("td", s.killed_figure || "–"), el("td", s.injured_figure || "–"));
      body.append(row);
    }
  }

  async function refresh() {
    document.body.dataset.ready = "0";
    const p = params();
    history.replaceState(null, "", p.toString() ? "?" + p : location.pathname);
    const count = document.getElementById("count");
    try {
      const [events, timeline] = await Promise.all([allEvents(p), getJSON("/api/timeline?" + p)]);
      drawMap(events);
      drawTimeline(timeline.counts);
      drawList(events);
      count.textContent = `${events.length} events`;
    } catch (err) {
      count.textContent = "error: " + err.message;
    }
    document.body.dataset.ready = "1";
  }

  // Filters in the address bar survive a reload and can be shared.
  const initial = new URLSearchParams(location.search);
  for (const name of FIELDS) if (initial.has(name)) form.elements[name].value = initial.get(name);

  form.addEventListener("submit", (ev) => { ev.preventDefault(); refresh(); });
  form.addEventListener("change", () => refresh());
  form.addEventListener("reset", () => setTimeout(refresh, 0));
  map.on("moveend", () => { if (form.elements.inview.checked) refresh(); });
  refresh();
})();
