// crisislens dashboard: map, timeline, list and evidence view over the REST API.
// Every piece of data is inserted with textContent or DOM APIs, never as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const state = { filters: {}, events: [], markers: new Map() };

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function query(extra) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(Object.assign({}, state.filters, extra || {}))) {
      if (value !== "" && value !== null && value !== undefined) params.set(key, value);
    }
    return params.toString();
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(url + " answered " + response.status);
    return response.json();
  }

  // --- map -------------------------------------------------------------------------------
  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([5, 25], 3);
  map.attributionControl.addAttribution("Natural Earth via world-atlas");
  const cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false, animate: false });
  map.addLayer(cluster);

  getJSON("/static/vendor/world-atlas/countries-110m.json").then((topo) => {
    const land = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(land, {
      style: { color: "#8c8f8a", weight: 0.6, fillColor: "#f2efe9", fillOpacity: 1 },
      interactive: false,
    }).addTo(map).bringToBack();
  }).catch((err) => console.warn("basemap:", err));

  function radius(fatalities) {
    return 5 + 2.5 * Math.sqrt(Math.max(0, fatalities || 0));
  }

  function drawMarkers(events) {
    cluster.clearLayers();
    state.markers.clear();
    const layers = [];
    for (const ev of events) {
      if (ev.latitude === null || ev.longitude === null) continue;
      const marker = L.circleMarker([ev.latitude, ev.longitude], {
        radius: radius(ev.fatalities), color: "#7a1a12", weight: 1, fillColor: "#d9480f", fillOpacity: 0.7,
        className: "event-marker",
      });
      const tip = el("div");
      tip.appendChild(el("strong", ev.sub_event_type || ev.event_type));
      tip.appendChild(el("div", [ev.event_date, ev.location].filter(Boolean).join(" · ")));
      if (ev.fatalities) tip.appendChild(el("div", ev.fatalities + " killed"));
      marker.bindTooltip(tip);
      marker.on("click", () => showEvent(ev.id));
      state.markers.set(ev.id, marker);
      layers.push(marker);
    }
    cluster.addLayers(layers);
    if (layers.length) {
      const bounds = L.latLngBounds(layers.map((m) => m.getLatLng()));
      map.fitBounds(bounds.pad(0.5), { maxZoom: 7, animate: false });
    }
  }

  // --- timeline --------------------------------------------------------------------------
  function drawTimeline(perDay) {
    const canvas = $("timeline");
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth, height = canvas.clientHeight;
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    const ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    ctx.clearRect(0, 0, width, height);
    ctx.font = "11px system-ui, sans-serif";
    ctx.fillStyle = "#5a6570";
    if (!perDay.length) {
      ctx.fillText("no dated events", 10, height / 2);
      return;
    }
    const day = (s) => Date.parse(s + "T00:00:00Z") / 86400000;
    const first = day(perDay[0].date), last = day(perDay[perDay.length - 1].date);
    const span = Math.max(1, last - first + 1);
    const pad = { left: 34, right: 34, top: 10, bottom: 18 };
    const w = width - pad.left - pad.right, h = height - pad.top - pad.bottom;
    const maxEvents = Math.max(...perDay.map((d) => d.events));
    const maxDeaths = Math.max(1, ...perDay.map((d) => d.fatalities));
    const barWidth = Math.max(1, w / span - 1);
    ctx.fillStyle = "#4c6ef5";
    for (const d of perDay) {
      const x = pad.left + ((day(d.date) - first) / span) * w;
      const bh = (d.events / maxEvents) * h;
      ctx.fillRect(x, pad.top + h - bh, barWidth, bh);
    }
    ctx.strokeStyle = "#b3261e";
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    perDay.forEach((d, i) => {
      const x = pad.left + ((day(d.date) - first) / span) * w + barWidth / 2;
      const y = pad.top + h - (d.fatalities / maxDeaths) * h;
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    });
    ctx.stroke();
    ctx.fillStyle = "#5a6570";
    ctx.fillText(perDay[0].date, pad.left, height - 4);
    const lastLabel = perDay[perDay.length - 1].date;
    ctx.fillText(lastLabel, width - pad.right - ctx.measureText(lastLabel).width, height - 4);
    ctx.fillStyle = "#4c6ef5";
    ctx.fillText(String(maxEvents), 4, pad.top + 8);
    ctx.fillStyle = "#b3261e";
    ctx.fillText(String(maxDeaths), width - pad.right + 4, pad.top + 8);
  }

  // --- list ------------------------------------------------------------------------------
  function drawList(events, total) {
    const list = $("list");
    list.replaceChildren();
    for (const ev of events) {
      const item = el("li");
      item.tabIndex = 0;
      item.dataset.id = ev.id;
      item.appendChild(el("div", ev.sub_event_type || ev.event_type, "kind"));
      const meta = el("div", null, "meta");
      meta.appendChild(el("span", [ev.event_date, ev.location, ev.country_code].filter(Boolean).join(" · ")));
      if (ev.fatalities) meta.appendChild(el("span", " · " + ev.fatalities + " killed", "deaths"));
      item.appendChild(meta);
      const actors = [ev.actor1, ev.actor2].filter(Boolean).join(" vs ");
      if (actors) item.appendChild(el("div", actors, "meta"));
      item.addEventListener("click", () => showEvent(ev.id));
      item.addEventListener("keydown", (e) => { if (e.key === "Enter") showEvent(ev.id); });
      list.appendChild(item);
    }
    if (total > events.length) list.appendChild(el("li", "… " + (total - events.length) + " more; narrow the filters", "meta"));
  }

  // --- event view ------------------------------------------------------------------------
  function highlighted(text, spans) {
    // Cut the text at every span boundary; each piece is marked with the fields that cover it.
    const cuts = new Set([0, text.length]);
    const ranges = [];
    for (const [field, list] of Object.entries(spans || {})) {
      for (const [start, end] of list) {
        if (start >= 0 && end <= text.length && start < end) {
          ranges.push([start, end, field]);
          cuts.add(start);
          cuts.add(end);
        }
      }
    }
    const points = [...cuts].sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const fields = ranges.filter(([s, e]) => s <= a && e >= b).map((r) => r[2]);
      const piece = text.slice(a, b);
      if (!fields.length) { fragment.appendChild(document.createTextNode(piece)); continue; }
      const mark = el("mark", piece, [...new Set(fields)].join(" "));
      mark.title = [...new Set(fields)].join(", ");
      fragment.appendChild(mark);
    }
    return fragment;
  }

  function field(dl, name, value) {
    if (value === null || value === undefined || value === "") return;
    dl.appendChild(el("dt", name));
    dl.appendChild(el("dd", value));
  }

  async function showEvent(id) {
    const ev = await getJSON("/api/events/" + encodeURIComponent(id));
    $("list").hidden = true;
    const view = $("event");
    view.hidden = false;
    view.dataset.id = ev.id;
    $("event-title").textContent = ev.event_type + " — " + ev.sub_event_type;
    const dl = $("event-fields");
    dl.replaceChildren();
    field(dl, "date", ev.event_date && ev.event_date + (ev.date_precision > 1 ? " (±" + (ev.date_precision === 2 ? "week" : "month") + ")" : ""));
    field(dl, "where", [ev.location, ev.admin1, ev.country_code].filter(Boolean).join(", "));
    field(dl, "actor 1", ev.actor1);
    field(dl, "actor 2", ev.actor2);
    field(dl, "fatalities", ev.fatalities);
    field(dl, "modality", ev.modality !== "asserted" ? ev.modality : "");
    field(dl, "claimed by", ev.claimant);
    field(dl, "incident", ev.incident_id);
    const article = ev.article || {};
    const source = $("event-source");
    source.replaceChildren();
    source.appendChild(el("strong", article.title || article.doc_id || ""));
    source.appendChild(el("span", " " + [article.source, article.published_at].filter(Boolean).join(", ")));
    if (article.url && /^https?:\/\//i.test(article.url)) {
      const link = el("a", " source");
      link.href = article.url;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      source.appendChild(link);
    }
    const body = $("event-text");
    body.replaceChildren(highlighted(article.text || "", ev.spans));
    const firstMark = body.querySelector("mark.evidence");
    if (firstMark) firstMark.scrollIntoView({ block: "center" });
    const statements = $("event-statements");
    statements.replaceChildren();
    for (const st of ev.statements || []) {
      const speaker = st.speaker || {};
      const who = [speaker.name, speaker.role, speaker.organization].filter(Boolean).join(", ") || "unnamed source";
      const item = el("li");
      item.appendChild(el("strong", who + " " + st.stance + ": "));
      item.appendChild(el("q", st.text));
      if (st.fatalities !== null && st.fatalities !== undefined) item.appendChild(el("span", " (toll " + st.fatalities + ")", "meta"));
      statements.appendChild(item);
    }
    const figures = $("event-figures");
    figures.replaceChildren();
    for (const q of ev.figures || []) figures.appendChild(el("li", q.category + ": " + q.value + " — “" + q.text + "”"));
    const quotes = $("event-quotes");
    quotes.replaceChildren();
    for (const q of article.quotes || []) {
      const item = el("li");
      item.appendChild(el("q", q.text.replace(/^["“]|["”]$/g, "")));
      const who = [q.speaker_name, q.speaker_role, q.speaker_organization].filter(Boolean).join(", ");
      if (who) item.appendChild(el("span", " — " + who, "meta"));
      quotes.appendChild(item);
    }
    const marker = state.markers.get(ev.id);
    if (marker) cluster.zoomToShowLayer(marker, () => marker.openTooltip());
  }

  $("event-close").addEventListener("click", () => {
    $("event").hidden = true;
    $("list").hidden = false;
  });

  // --- filters ---------------------------------------------------------------------------
  async function refresh() {
    const [events, stats] = await Promise.all([
      getJSON("/api/events?" + query({ limit: 1000 })),
      getJSON("/api/stats?" + query()),
    ]);
    state.events = events.items;
    $("totals").textContent = stats.events + " events · " + stats.fatalities + " killed · " + stats.articles + " articles";
    drawMarkers(events.items);
    drawList(events.items, events.total);
    drawTimeline(stats.per_day);
    $("event").hidden = true;
    $("list").hidden = false;
    document.body.dataset.loaded = "true";
  }

  $("filters").addEventListener("submit", (e) => {
    e.preventDefault();
    state.filters = Object.fromEntries(new FormData(e.target).entries());
    refresh().catch((err) => { $("totals").textContent = String(err.message || err); });
  });
  $("f-reset").addEventListener("click", () => {
    $("filters").reset();
    state.filters = {};
    refresh();
  });
  window.addEventListener("resize", () => getJSON("/api/stats?" + query()).then((s) => drawTimeline(s.per_day)));
  refresh().catch((err) => { $("totals").textContent = String(err.message || err); });
})();
