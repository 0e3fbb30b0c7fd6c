// sitroom web map. Every string that comes from the API is untrusted (article
// text and everything extracted from it): the DOM is built with textContent
// and attributes only, never innerHTML, and links are kept to http(s).
"use strict";

(function () {
  const TYPE_COLOURS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
  };
  const OTHER_COLOUR = "#7f7f7f";
  const FILTER_KEYS = ["type", "country", "admin1", "actor", "corroboration", "min_sources", "since", "until", "q"];
  const PAGE = 5000;
  // Region- and country-level incidents are drawn as an area, not a dot.
  const REGION_RADIUS_M = 90000;
  const COUNTRY_RADIUS_M = 350000;
  const KIND_LABELS = {
    places: "Place", dates: "Date", figures: "Figure", claims: "Claim", events: "Event", framing: "Framing",
  };

  const $ = (id) => document.getElementById(id);
  const colour = (t) => TYPE_COLOURS[t] || OTHER_COLOUR;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = String(v);
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return e;
  }

  function safeUrl(u) {
    try {
      const url = new URL(String(u), window.location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function sourceLink(url, label) {
    const href = safeUrl(url);
    if (!href) return el("span", { text: label });
    return el("a", { href, target: "_blank", rel: "noopener noreferrer nofollow", text: label });
  }

  // ---- state in the URL: #type=...&since=...&incident=...&article=... ----
  function readState() {
    const p = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    const s = {};
    for (const k of FILTER_KEYS.concat(["incident", "article"])) {
      const v = p.get(k);
      if (v) s[k] = v;
    }
    return s;
  }

  function writeState(s) {
    const p = new URLSearchParams();
    for (const k of FILTER_KEYS.concat(["incident", "article"])) if (s[k]) p.set(k, s[k]);
    const h = p.toString();
    const target = h ? "#" + h : window.location.pathname + window.location.search;
    if (("#" + h) !== window.location.hash) history.pushState(null, "", h ? "#" + h : target);
  }

  function query(s, omit) {
    const p = new URLSearchParams();
    for (const k of FILTER_KEYS) if (s[k] && !(omit || []).includes(k)) p.set(k, s[k]);
    return p;
  }

  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await r.json().catch(() => ({ error: r.statusText }));
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  }

  async function allIncidents(params) {
    let offset = 0, items = [];
    for (;;) {
      params.set("limit", PAGE);
      params.set("detail", "false"); // the panel fetches one incident's detail when opened
      params.set("offset", offset);
      const page = await getJSON("/api/incidents?" + params.toString());
      items = items.concat(page.items);
      offset += page.items.length;
      if (offset >= page.total || page.items.length === 0) return items;
    }
  }

  // ---- map ----
  let map, clusters, regions, state = readState(), current = [];
  const countriesTopo = fetch("/static/basemap/countries-50m.json").then((r) => r.json());
  const admin1Index = fetch("/static/basemap/admin1/index.json").then((r) => r.json());
  const admin1Files = {};
  let countryFeatures = null;

  // Region outlines are looked up by name first; names differ between
  // gazetteers ("Kyiv Oblast" / "Kiev"), so failing that, the region whose
  // polygon contains the incident's point (a region's seat lies inside it).
  function normName(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f'’`]/g, "").toLowerCase()
      .replace(/\b(oblast|oblysy|region|province|governorate|krai|kray|republic|of|the|autonomous|okrug|city|state|county|district)\b/g, " ")
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  function inRing(x, y, ring) {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }

  function contains(feature, lon, lat) {
    const g = feature.geometry;
    if (!g) return false;
    const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    return polys.some((rings) => inRing(lon, lat, rings[0]) && !rings.slice(1).some((h) => inRing(lon, lat, h)));
  }

  async function admin1Features(cc) {
    const index = await admin1Index;
    if (!cc || !(cc in index.admin1)) return null;
    if (!admin1Files[cc]) {
      admin1Files[cc] = fetch(`/static/basemap/admin1/${cc}.json`).then((r) => r.json())
        .then((t) => topojson.feature(t, t.objects.admin1).features);
    }
    return admin1Files[cc];
  }

  // The outline that stands for a region- or country-level incident, or null.
  async function areaOf(inc) {
    const cc = (inc.country_code || "").toUpperCase();
    if (inc.admin1) {
      const feats = await admin1Features(cc);
      if (!feats) return null;
      const want = normName(inc.admin1);
      return feats.find((f) => normName(f.properties.name) === want)
        || (inc.latitude !== null ? feats.find((f) => contains(f, inc.longitude, inc.latitude)) : null)
        || null;
    }
    const index = await admin1Index;
    if (!countryFeatures) {
      const topo = await countriesTopo;
      countryFeatures = topojson.feature(topo, topo.objects.countries).features;
    }
    const num = index.iso_numeric[cc];
    return num ? countryFeatures.find((f) => String(f.id) === String(num)) || null : null;
  }

  function initMap(config) {
    map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: config.tiles ? 18 : 12 }).setView([50.5, 34], 5);
    if (config.tiles) {
      L.tileLayer(config.tiles, { maxZoom: 18, attribution: "Tiles: " + new URL(config.tiles.replace(/[{}]/g, "")).host })
        .addTo(map);
    } else {
      map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas");
      countriesTopo.then((topo) => {
        const land = topojson.feature(topo, topo.objects.countries);
        L.geoJSON(land, {
          interactive: false,
          style: { color: "#6b7b8c", weight: 0.8, fillColor: "#f3f1ea", fillOpacity: 1 },
        }).addTo(map).bringToBack();
      });
      map.getContainer().classList.add("offline");
    }
    regions = L.layerGroup().addTo(map);
    clusters = L.markerClusterGroup({
      maxClusterRadius: 40, showCoverageOnHover: false, iconCreateFunction: clusterIcon,
    }).addTo(map);
  }

  // A cluster shows how many incidents it holds, ringed by the share of each type.
  function clusterIcon(cluster) {
    const counts = {};
    for (const m of cluster.getAllChildMarkers()) counts[m.options.eventType] = (counts[m.options.eventType] || 0) + 1;
    const total = cluster.getChildCount();
    let acc = 0;
    const stops = Object.entries(counts).sort().map(([t, c]) => {
      const from = (acc / total) * 360;
      acc += c;
      return `${colour(t)} ${from}deg ${(acc / total) * 360}deg`;
    });
    const size = total < 10 ? 30 : total < 100 ? 36 : 44;
    const ring = el("div", { class: "sr-cluster" }, el("span", { text: total }));
    ring.style.background = `conic-gradient(${stops.join(", ")})`;
    ring.style.width = ring.style.height = size + "px";
    return L.divIcon({ html: ring, className: "sr-cluster-icon", iconSize: [size, size] });
  }

  function markerSize(n) {
    return 10 + 4 * Math.min(Math.max(n || 1, 1), 6);
  }

  async function drawMap(items) {
    const areas = await Promise.all(items.map((inc) =>
      (inc.geo_precision || 1) >= 3 ? areaOf(inc).catch(() => null) : Promise.resolve(null)));
    clusters.clearLayers();
    regions.clearLayers();
    const bounds = [];
    let k = -1;
    let drawn = 0;
    for (const inc of items) {
      k += 1;
      if (inc.latitude === null || inc.longitude === null) continue;
      const ll = [inc.latitude, inc.longitude];
      const title = `${inc.event_date || "undated"} · ${inc.event_type || "event"} · ${inc.location || inc.admin1 || inc.country || ""}`;
      const open = () => setState({ incident: inc.id, article: null });
      if ((inc.geo_precision || 1) >= 3) {
        const style = {
          color: colour(inc.event_type), weight: 1.5, dashArray: "4 4",
          fillColor: colour(inc.event_type), fillOpacity: 0.12, className: "sr-region",
        };
        // the region's outline when one is bundled, else an area of about its size
        const c = areas[k]
          ? L.geoJSON(areas[k], { style: () => Object.assign({}, style, { className: "sr-region sr-outline" }) })
          : L.circle(ll, Object.assign({ radius: inc.admin1 ? REGION_RADIUS_M : COUNTRY_RADIUS_M }, style));
        c.bindTooltip(title + " (region-level location)");
        c.on("click", open);
        regions.addLayer(c);
      } else {
        const dot = el("div", { class: "sr-dot" + (inc.geo_precision === 2 ? " approx" : "") });
        const size = markerSize(inc.num_sources);
        dot.style.width = dot.style.height = size + "px";
        dot.style.background = colour(inc.event_type);
        dot.dataset.id = inc.id;
        const m = L.marker(ll, {
          icon: L.divIcon({ html: dot, className: "sr-marker", iconSize: [size, size] }),
          title, keyboard: true, eventType: inc.event_type || "other",
        });
        m.on("click", open);
        clusters.addLayer(m);
      }
      bounds.push(ll);
      drawn += 1;
    }
    $("map").dataset.incidents = String(drawn);
    return bounds;
  }

  // ---- table ----
  function drawTable(items) {
    const tbody = $("incidents").querySelector("tbody");
    tbody.replaceChildren();
    for (const inc of items) {
      const where = [inc.location, inc.admin1, inc.country].filter(Boolean).join(", ");
      const swatch = el("span", { class: "swatch" });
      swatch.style.background = colour(inc.event_type);
      const tr = el("tr", { "data-id": inc.id, tabindex: 0 },
        el("td", { text: inc.event_date || "" }),
        el("td", {}, swatch, inc.event_type || "", inc.sub_event_type ? el("div", { class: "sub", text: inc.sub_event_type }) : null),
        el("td", { text: where + (inc.geo_precision >= 3 ? " (region)" : "") }),
        el("td", { class: "num", text: inc.num_sources }),
        el("td", { class: "corr " + (inc.corroboration || ""), text: (inc.corroboration || "").replace("_", " ") }),
        el("td", { class: "notes", text: inc.notes || "" }));
      tr.addEventListener("click", () => setState({ incident: inc.id, article: null }));
      tr.addEventListener("keydown", (ev) => { if (ev.key === "Enter") setState({ incident: inc.id, article: null }); });
      tbody.appendChild(tr);
    }
  }

  // ---- timeline with a date brush ----
  // Bars are days over short spans; over long ones (a background mention of
  // an old war) days would be hairlines, so bars become weeks or months.
  const DAY = 86400000;
  const toDay = (s) => Date.parse(s + "T00:00:00Z");
  const fromDay = (t) => new Date(t).toISOString().slice(0, 10);
  let timeline = null;

  function binDays(spanDays) {
    if (spanDays <= 92) return 1;
    if (spanDays <= 2 * 365) return 7;
    return 30;
  }

  function drawTimeline(items) {
    const svg = $("timeline");
    svg.replaceChildren();
    const days = items.map((i) => i.event_date).filter(Boolean).sort();
    const W = svg.clientWidth || 600, H = 110, pad = 18;
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    if (!days.length) {
      timeline = null;
      $("timeline-title").textContent = "Incidents per day";
      return;
    }
    const t0 = toDay(days[0]), t1 = toDay(days[days.length - 1]);
    const span = Math.round((t1 - t0) / DAY) + 1;
    const bin = binDays(span);
    const n = Math.ceil(span / bin);
    const binOf = (d) => Math.floor((toDay(d) - t0) / DAY / bin);
    const binStart = (i) => fromDay(t0 + i * bin * DAY);
    const binEnd = (i) => fromDay(t0 + ((i + 1) * bin - 1) * DAY);
    $("timeline-title").textContent = "Incidents per " + ({ 1: "day", 7: "week", 30: "30 days" }[bin]);
    const bw = (W - 2 * pad) / n;
    const counts = {};
    for (const inc of items) {
      if (!inc.event_date) continue;
      const i = binOf(inc.event_date), t = inc.event_type || "other";
      counts[i] = counts[i] || {};
      counts[i][t] = (counts[i][t] || 0) + 1;
    }
    const max = Math.max(...Object.values(counts).map((c) => Object.values(c).reduce((a, b) => a + b, 0)));
    const ns = "http://www.w3.org/2000/svg";
    const mk = (tag, a) => {
      const e = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(a)) e.setAttribute(k, String(v));
      return e;
    };
    const every = Math.ceil(n / Math.max(1, Math.floor((W - 2 * pad) / 48)));
    for (let i = 0; i < n; i++) {
      let y = H - pad;
      for (const [t, c] of Object.entries(counts[i] || {}).sort()) {
        const h = (c / max) * (H - 2 * pad);
        const r = mk("rect", { x: pad + i * bw + (bw > 3 ? 1 : 0), y: y - h, width: Math.max(bw - (bw > 3 ? 2 : 0), 1), height: h, fill: colour(t), class: "bar" });
        const tip = document.createElementNS(ns, "title");
        tip.textContent = `${binStart(i)}${bin > 1 ? " – " + binEnd(i) : ""}: ${c} × ${t}`;
        r.appendChild(tip);
        svg.appendChild(r);
        y -= h;
      }
      if (i % every === 0) {
        const lab = mk("text", { x: pad + i * bw + bw / 2, y: H - 4, "text-anchor": "middle", class: "tick" });
        lab.textContent = bin === 1 ? binStart(i).slice(5) : binStart(i).slice(0, 7);
        svg.appendChild(lab);
      }
    }
    const brush = mk("rect", { id: "brush", y: 2, height: H - pad - 2, x: 0, width: 0, class: "brush" });
    svg.appendChild(brush);
    timeline = { t0, n, bw, pad, W, bin, brush, binStart, binEnd };
    showBrush();
  }

  function showBrush() {
    $("brush-label").textContent = state.since || state.until ? `${state.since || "…"} → ${state.until || "…"}` : "";
    if (!timeline) return;
    const { t0, n, bw, pad, bin, brush } = timeline;
    if (!state.since && !state.until) {
      brush.setAttribute("width", 0);
      return;
    }
    const at = (d) => Math.floor((toDay(d) - t0) / DAY / bin);
    const a = state.since ? Math.max(0, at(state.since)) : 0;
    const b = state.until ? Math.min(n - 1, at(state.until)) : n - 1;
    brush.setAttribute("x", pad + a * bw);
    brush.setAttribute("width", Math.max(0, (b - a + 1) * bw));
  }

  function binAt(clientX) {
    const r = $("timeline").getBoundingClientRect();
    const x = ((clientX - r.left) / r.width) * timeline.W;
    return Math.min(timeline.n - 1, Math.max(0, Math.floor((x - timeline.pad) / timeline.bw)));
  }

  function initBrush() {
    const svg = $("timeline");
    let start = null;
    svg.addEventListener("pointerdown", (ev) => {
      if (!timeline) return;
      start = binAt(ev.clientX);
      svg.setPointerCapture(ev.pointerId);
      ev.preventDefault();
    });
    svg.addEventListener("pointermove", (ev) => {
      if (start === null) return;
      const i = binAt(ev.clientX), a = Math.min(start, i), b = Math.max(start, i);
      timeline.brush.setAttribute("x", timeline.pad + a * timeline.bw);
      timeline.brush.setAttribute("width", (b - a + 1) * timeline.bw);
    });
    svg.addEventListener("pointerup", (ev) => {
      if (start === null) return;
      const i = binAt(ev.clientX), a = Math.min(start, i), b = Math.max(start, i);
      start = null;
      setState({ since: timeline.binStart(a), until: timeline.binEnd(b) });
    });
    $("brush-clear").addEventListener("click", () => setState({ since: null, until: null }));
  }

  // ---- incident panel ----
  function section(title, ...children) {
    return el("section", {}, el("h3", { text: title }), ...children);
  }

  function figureText(f) {
    if (!f) return "—";
    const q = f.qualifier && f.qualifier !== "exact" ? ` (${f.qualifier})` : "";
    return `${f.mention || f.value}${q}`;
  }

  function renderIncident(inc) {
    const body = $("panel-body");
    const where = [inc.location, inc.admin1, inc.country].filter(Boolean).join(", ");
    const precision = { 1: "town", 2: "near a town / part of a region", 3: "region" }[inc.geo_precision] || "unknown";
    const head = el("header", { class: "incident-head" },
      el("h2", { text: `${inc.event_type || "Event"}${inc.sub_event_type ? " — " + inc.sub_event_type : ""}` }),
      el("p", { class: "meta", text: `${inc.event_date || "undated"} · ${where || "unplaced"} (precision: ${precision})` }),
      el("p", { class: "meta" },
        el("span", { class: "corr " + (inc.corroboration || ""), text: (inc.corroboration || "").replace("_", " ") }),
        ` · ${inc.num_sources} independent source(s), ${inc.num_articles} article(s) · ${inc.certainty || ""}`,
        inc.fatalities !== null && inc.fatalities !== undefined
          ? ` · fatalities ${inc.fatalities}${inc.fatalities_high > inc.fatalities ? "–" + inc.fatalities_high : ""}` : ""),
      el("p", { class: "meta", text: [inc.actor1, inc.actor2].filter(Boolean).join(" vs ") }),
      inc.notes ? el("p", { class: "notes", text: inc.notes }) : null);
    const detail = inc.detail || {};

    const sources = el("ol", { class: "sources" });
    for (const a of inc.articles || []) {
      sources.appendChild(el("li", { "data-article": a.id },
        el("strong", { text: a.outlet || "unknown outlet" }), " ", el("span", { class: "date", text: a.published || "" }), " ",
        sourceLink(a.url, a.title || a.url || a.id), " ",
        el("button", { type: "button", class: "read", text: "read", onclick: () => setState({ article: a.id }) })));
    }
    const synd = (detail.sources || []).filter((s) => s.syndicated).map((s) => s.outlets.join(", "));
    const syndNote = synd.length ? el("p", { class: "hint", text: "Republished wire copy counted once: " + synd.join("; ") }) : null;

    const evidence = el("div", { class: "evidence" });
    for (const e of inc.events || []) {
      evidence.appendChild(el("figure", { class: e.role === "denial" ? "denial" : "" },
        el("blockquote", { text: (e.evidence && e.evidence.quote) || "" }),
        el("figcaption", { text: `${e.role === "denial" ? "Denial — " : ""}${e.outlet || ""} ${e.published || ""}` })));
    }

    const figs = el("table", { class: "figures" },
      el("thead", {}, el("tr", {}, el("th", { text: "Counts" }), el("th", { text: "Source" }), el("th", { text: "Figure" }))));
    const ftb = el("tbody");
    const srcName = (i) => ((detail.sources || [])[i] || { outlets: [] }).outlets.join(", ") || `source ${i + 1}`;
    for (const q of detail.figures || []) {
      (q.by_source || []).forEach((s, j) => {
        ftb.appendChild(el("tr", { class: q.conflict ? "conflict" : "" },
          el("td", { text: j === 0 ? `${q.counts}${q.unit ? " (" + q.unit + ")" : ""}${q.conflict ? " ⚠ conflict" : ""}` : "" }),
          el("td", { text: srcName(s.source) }),
          el("td", { text: (s.values || []).map(figureText).join("; ") })));
      });
    }
    figs.appendChild(ftb);

    const claims = el("ul", { class: "claims" });
    for (const c of inc.claims || []) {
      claims.appendChild(el("li", {},
        el("strong", { text: c.speaker || "(the outlet)" }), " ", el("em", { text: c.cue || "" }), ": ",
        el("q", { text: c.content || "" }), " ",
        el("span", { class: "verif " + (c.verification || ""), text: c.verification || "" }),
        el("span", { class: "date", text: ` — ${c.outlet || ""}` })));
    }
    const contested = el("ul", { class: "contested" });
    for (const c of detail.contested || []) {
      contested.appendChild(el("li", { text: [c.reason, c.speaker, c.content || c.quote, c.counts].filter(Boolean).join(" — ") }));
    }

    body.replaceChildren(...[head,
      section("Sources", sources, syndNote),
      section("Evidence", evidence),
      (detail.figures || []).length ? section("Figures by source", figs) : null,
      (inc.claims || []).length ? section("Claims", claims) : null,
      (detail.contested || []).length ? section("Why contested", contested) : null].filter(Boolean));
    body.dataset.view = "incident";
    body.dataset.id = inc.id;
  }

  // ---- article view ----
  function spansOf(a) {
    const spans = [];
    const add = (kind, o, start, end, value) => {
      if (Number.isInteger(start) && Number.isInteger(end) && end > start) spans.push({ kind, start, end, value, o });
    };
    for (const p of a.places || []) {
      const ll = p.lat !== null && p.lat !== undefined ? ` (${(+p.lat).toFixed(3)}, ${(+p.lon).toFixed(3)})` : "";
      add("places", p, p.start, p.end, `${p.name || p.mention}${p.admin1 ? ", " + p.admin1 : ""}${p.country_code ? ", " + p.country_code : ""}${ll}`);
    }
    for (const d of a.dates || []) add("dates", d, d.start, d.end, `${d.value || "unresolved"}${d.end_value ? " → " + d.end_value : ""} (${d.granularity || ""})`);
    for (const f of a.figures || []) {
      const range = f.low !== null && f.low !== undefined || f.high !== null && f.high !== undefined ? ` [${f.low ?? ""}–${f.high ?? ""}]` : "";
      add("figures", f, f.start, f.end, `${f.value}${range} ${f.qualifier || ""} ${f.unit || ""} ${f.counts || ""}`.replace(/\s+/g, " ").trim());
    }
    for (const c of a.claims || []) add("claims", c, c.content_start, c.content_end, `${c.speaker || "(outlet)"} ${c.cue || ""} — ${c.verification || ""}`);
    for (const e of a.events || []) {
      const ev = e.evidence || {};
      add("events", e, ev.start, ev.end, `${e.event_type || ""} / ${e.sub_event_type || ""} ${e.event_date || ""}${e.negated ? " (negated)" : ""}${e.hypothetical ? " (hypothetical)" : ""}`);
    }
    for (const f of a.framing || []) add("framing", f, f.start, f.end, f.kind || "");
    return spans;
  }

  function renderArticle(a) {
    const text = a.text || "";
    const spans = spansOf(a);
    // Cut the text at every span boundary; each piece carries every span over it.
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(Math.min(s.start, text.length)); cuts.add(Math.min(s.end, text.length)); }
    const points = [...cuts].sort((x, y) => x - y);
    const pre = el("div", { class: "article-text" });
    for (let i = 0; i + 1 < points.length; i++) {
      const lo = points[i], hi = points[i + 1];
      const piece = text.slice(lo, hi);
      const over = spans.filter((s) => s.start <= lo && s.end >= hi);
      if (!over.length) { pre.appendChild(document.createTextNode(piece)); continue; }
      const kinds = [...new Set(over.map((s) => s.kind))].sort();
      const span = el("span", { class: "hl " + kinds.map((k) => "k-" + k).join(" "), text: piece });
      span.title = over.map((s) => `${KIND_LABELS[s.kind]}: ${s.value}`).join("\n");
      span.dataset.kinds = kinds.join(" ");
      pre.appendChild(span);
    }
    const legend = el("div", { class: "hl-legend" }, ...Object.entries(KIND_LABELS).map(([k, label]) =>
      el("span", { class: "hl k-" + k, text: `${label} (${(a[k] || []).length})` })));
    const body = $("panel-body");
    const back = state.incident ? el("button", { type: "button", text: "← incident", onclick: () => setState({ article: null }) }) : null;
    body.replaceChildren(...[
      el("header", {}, back, el("h2", { text: a.title || a.id }),
        el("p", { class: "meta" }, el("strong", { text: a.outlet || "" }), ` ${a.published || ""} `, sourceLink(a.url, a.url || "")),
        el("p", { class: "hint", text: "Hover a highlight for its resolved value." })),
      legend, pre,
      (a.warnings || []).length ? section("Warnings", el("ul", {}, ...a.warnings.map((w) => el("li", { text: `${w.level}: ${w.message}` })))) : null,
    ].filter(Boolean));
    body.dataset.view = "article";
    body.dataset.id = a.id;
  }

  async function showPanel() {
    const panel = $("panel");
    if (!state.incident && !state.article) {
      panel.hidden = true;
      return;
    }
    panel.hidden = false;
    try {
      if (state.article) renderArticle(await getJSON("/api/articles/" + encodeURIComponent(state.article)));
      else renderIncident(await getJSON("/api/incidents/" + encodeURIComponent(state.incident)));
    } catch (e) {
      $("panel-body").replaceChildren(el("p", { class: "error", text: String(e.message || e) }));
    }
  }

  // ---- filters form and refresh ----
  function syncForm() {
    for (const k of FILTER_KEYS) {
      const input = $("f-" + k);
      if (input && input.value !== (state[k] || "")) input.value = state[k] || "";
    }
    for (const fmt of ["acled-csv", "geojson"]) {
      $("export-" + fmt).href = `/api/export/${fmt}?` + query(state).toString();
    }
  }

  let lastFilterKey = null, lastTimelineKey = null, seq = 0;

  async function refresh(fit) {
    syncForm();
    const key = query(state).toString();
    const tkey = query(state, ["since", "until"]).toString();
    const mine = ++seq;
    document.body.dataset.loading = "1";
    try {
      if (key !== lastFilterKey) {
        $("status").textContent = "Loading…";
        const needContext = tkey !== lastTimelineKey;
        // without a date range the timeline's incidents are the list itself
        const [items, context] = await Promise.all([
          allIncidents(query(state)),
          needContext && tkey !== key ? allIncidents(query(state, ["since", "until"])) : Promise.resolve(null),
        ]);
        const timelineItems = context || (needContext ? items : null);
        if (mine !== seq) return;
        current = items;
        if (timelineItems) { drawTimeline(timelineItems); lastTimelineKey = tkey; }
        const bounds = await drawMap(items);
        if (mine !== seq) return;
        drawTable(items);
        lastFilterKey = key;
        const placed = Number($("map").dataset.incidents);
        $("status").textContent = `${items.length} incident(s), ${placed} on the map`;
        if (fit && bounds.length) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 7 });
      }
      showBrush();
    } catch (e) {
      $("status").textContent = "Error: " + (e.message || e);
    }
    await showPanel();
    if (mine === seq) delete document.body.dataset.loading;
  }

  function setState(changes) {
    state = Object.assign({}, state, changes);
    for (const k of Object.keys(state)) if (!state[k]) delete state[k];
    writeState(state);
    refresh(false);
  }

  function initForm() {
    const sel = $("f-type");
    for (const t of Object.keys(TYPE_COLOURS)) sel.appendChild(el("option", { value: t, text: t }));
    const form = $("filters");
    form.addEventListener("change", (ev) => {
      const t = ev.target;
      if (t && t.name) setState({ [t.name]: t.value });
    });
    form.addEventListener("submit", (ev) => ev.preventDefault());
    $("f-q").addEventListener("keydown", (ev) => { if (ev.key === "Enter") setState({ q: ev.target.value }); });
    $("f-reset").addEventListener("click", () => {
      state = {};
      writeState(state);
      refresh(true);
    });
    $("panel-close").addEventListener("click", () => setState({ incident: null, article: null }));
    const legend = $("legend");
    for (const [t, c] of Object.entries(TYPE_COLOURS)) {
      const sw = el("span", { class: "swatch" });
      sw.style.background = c;
      legend.appendChild(el("span", { class: "legend-item" }, sw, t));
    }
    legend.appendChild(el("span", { class: "legend-item hint", text: "Size: independent sources · dashed area: region-level location" }));
  }

  window.addEventListener("popstate", () => { state = readState(); refresh(false); });
  window.addEventListener("hashchange", () => { state = readState(); refresh(false); });

  getJSON("/api/config").then((config) => {
    initMap(config);
    initForm();
    initBrush();
    return refresh(true);
  }).then(() => { document.body.dataset.ready = "1"; }).catch((e) => {
    $("status").textContent = "Error: " + (e.message || e);
    document.body.dataset.ready = "error";
  });
})();
