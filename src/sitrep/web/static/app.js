// sitrep map page: plain JS, no external libraries. Equirectangular projection in SVG user units
// (x = lon + 180, y = 90 - lat), so the viewBox is the map window in degrees.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const STATUSES = ["reported", "claimed", "contested", "denied", "hypothetical"];
const state = { events: [], selected: null, view: [0, 0, 360, 180], world: null };

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s == null ? "" : s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
const proj = (lon, lat) => [lon + 180, 90 - lat];
const names = (refs) => (refs || []).map((r) => r && (r.name || r.id)).filter(Boolean).join(", ");
const typeOf = (e) => (e.acled ? e.acled.sub_event_type || e.acled.event_type : "") || (e.plover ? e.plover.event + (e.plover.mode ? "/" + e.plover.mode : "") : "event");
const dateOf = (e) => (e.date ? (e.date.start === e.date.end ? e.date.start : e.date.start + " to " + e.date.end) : "undated");

async function getJSON(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(url + ": HTTP " + r.status);
  return r.json();
}

function el(tag, attrs, parent) {
  const n = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
  if (parent) parent.appendChild(n);
  return n;
}

// ------------------------------------------------------------------------------------------- map
function ringPath(ring) {
  let d = "";
  ring.forEach(([lon, lat], i) => {
    const [x, y] = proj(lon, lat);
    d += (i ? "L" : "M") + x.toFixed(2) + "," + y.toFixed(2);
  });
  return d + "Z";
}

async function drawBasemap() {
  const svg = $("map");
  const g = el("g", { id: "countries" }, svg);
  el("g", { id: "markers" }, svg);
  try {
    state.world = await getJSON("/static/countries-110m.geojson");
  } catch (err) {
    console.warn("basemap not loaded", err);
    return;
  }
  for (const f of state.world.features) {
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    const d = polys.map((p) => p.map(ringPath).join("")).join("");
    const path = el("path", { d, class: "country" }, g);
    const t = el("title", {}, path);
    t.textContent = (f.properties && f.properties.name) || "";
  }
}

function setView(v) {
  let [x, y, w, h] = v;
  w = Math.min(Math.max(w, 2), 360);
  h = Math.min(Math.max(h, 1), 180);
  state.view = [x, y, w, h];
  $("map").setAttribute("viewBox", `${x} ${y} ${w} ${h}`);
  const r = Math.max(w, h * 2) / 110;
  // events at the same point are spread on a small spiral (golden angle) so that each can be clicked
  for (const c of document.querySelectorAll("#markers circle")) {
    const k = Number(c.dataset.k || 0), rr = r * 1.7 * Math.sqrt(k), a = k * 2.39996;
    c.setAttribute("r", (r * (c.dataset.size || 1)).toFixed(3));
    c.setAttribute("cx", (Number(c.dataset.x) + rr * Math.cos(a)).toFixed(4));
    c.setAttribute("cy", (Number(c.dataset.y) + rr * Math.sin(a)).toFixed(4));
  }
}

function fitEvents() {
  const pts = state.events.filter((e) => e.place && e.place.lat != null).map((e) => proj(e.place.lon, e.place.lat));
  if (!pts.length) return setView([0, 0, 360, 180]);
  const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const w = Math.max(x1 - x0, 6) * 1.3, h = Math.max(y1 - y0, 3) * 1.3;
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const ww = Math.max(w, h * 2), hh = ww / 2;
  setView([cx - ww / 2, cy - hh / 2, ww, hh]);
}

function zoom(f) {
  const [x, y, w, h] = state.view;
  setView([x + (w - w * f) / 2, y + (h - h * f) / 2, w * f, h * f]);
}

function drawMarkers() {
  const g = $("markers");
  g.replaceChildren();
  // size by the number of source articles; events at one place spiral out from it (see setView)
  const evs = state.events.filter((e) => e.place && e.place.lat != null && e.place.lon != null);
  // disputed events are drawn last (on top), then the ones with fewer sources over the bigger ones
  const rank = { contested: 3, denied: 2, claimed: 1 };
  evs.sort((a, b) => (rank[a.status] || 0) - (rank[b.status] || 0) || (b.n_articles || 1) - (a.n_articles || 1));
  const seen = new Map();
  for (const e of evs) {
    const [x, y] = proj(e.place.lon, e.place.lat);
    const key = x.toFixed(3) + "," + y.toFixed(3);
    const k = seen.get(key) || 0;
    seen.set(key, k + 1);
    const size = 1 + Math.min(Math.log2(e.n_articles || 1), 3) * 0.35;
    const c = el("circle", { cx: x, cy: y, r: 1, class: "marker st-" + (e.status || "reported"), "data-event-id": e.id, "data-size": size, "data-x": x, "data-y": y, "data-k": k }, g);
    const t = el("title", {}, c);
    t.textContent = `${typeOf(e)} | ${e.place.name} | ${dateOf(e)} | ${e.status}`;
    c.addEventListener("click", (ev) => { ev.stopPropagation(); showEvent(e.id); });
  }
  setView(state.view);
}

function enablePanZoom() {
  const svg = $("map");
  let drag = null;
  svg.addEventListener("mousedown", (ev) => { drag = { x: ev.clientX, y: ev.clientY, view: state.view.slice() }; });
  window.addEventListener("mouseup", () => { drag = null; });
  window.addEventListener("mousemove", (ev) => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    const k = Math.max(drag.view[2] / rect.width, drag.view[3] / rect.height);
    setView([drag.view[0] - (ev.clientX - drag.x) * k, drag.view[1] - (ev.clientY - drag.y) * k, drag.view[2], drag.view[3]]);
  });
  svg.addEventListener("wheel", (ev) => { ev.preventDefault(); zoom(ev.deltaY > 0 ? 1.25 : 0.8); }, { passive: false });
  $("zoom-in").onclick = () => zoom(0.6);
  $("zoom-out").onclick = () => zoom(1.6);
  $("zoom-fit").onclick = fitEvents;
  $("zoom-world").onclick = () => setView([0, 0, 360, 180]);
  $("legend").innerHTML = STATUSES.map((s) => `<span class="st-${s}"></span>${s}`).join("");
}

// ------------------------------------------------------------------------------------------- filters
function filterParams() {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData($("filters"))) if (v) p.set(k, v);
  return p;
}

async function loadFacets() {
  const f = await getJSON("/api/facets");
  const fill = (id, items) => {
    const s = $(id);
    for (const it of items) {
      const o = document.createElement("option");
      if (typeof it === "string") { o.value = it; o.textContent = it; } else { o.value = it.code; o.textContent = `${it.name} (${it.code})`; }
      s.appendChild(o);
    }
  };
  fill("f-country", f.countries);
  fill("f-admin1", f.admin1);
  fill("f-type", [...f.types, ...f.sub_types, ...f.plover]);
  fill("f-status", STATUSES);
  const q = new URLSearchParams(location.search);
  for (const [k, v] of q) { const i = $("filters").elements[k]; if (i) i.value = v; }
}

async function loadEvents() {
  const p = filterParams();
  p.set("limit", "2000");
  history.replaceState(null, "", "?" + filterParams().toString());
  const data = await getJSON("/api/events?" + p.toString());
  state.events = data.events;
  $("counts").textContent = `${state.events.length} event(s)`;
  drawMarkers();
  fitEvents();
  drawTimeline();
  drawList();
  drawControl(p.get("admin1"));
  document.body.dataset.loaded = "1";
}

// ------------------------------------------------------------------------------------------- timeline
function drawTimeline() {
  const svg = $("timeline");
  svg.replaceChildren();
  const counts = new Map();
  for (const e of state.events) if (e.date && /^\d{4}-\d{2}-\d{2}$/.test(e.date.start)) counts.set(e.date.start, (counts.get(e.date.start) || 0) + 1);
  const W = svg.clientWidth || 600, H = svg.clientHeight || 90;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  if (!counts.size) { const t = el("text", { x: 8, y: 20 }, svg); t.textContent = "no dated events"; return; }
  const days = [...counts.keys()].sort();
  const d0 = Date.parse(days[0]), d1 = Date.parse(days[days.length - 1]);
  const n = Math.round((d1 - d0) / 864e5) + 1;
  const max = Math.max(...counts.values());
  const bw = Math.min((W - 20) / n, 30);
  for (const [day, c] of counts) {
    const i = Math.round((Date.parse(day) - d0) / 864e5);
    const h = ((H - 24) * c) / max;
    const r = el("rect", { x: 10 + i * bw, y: H - 14 - h, width: Math.max(bw - 1, 1), height: h, class: "bar" }, svg);
    el("title", {}, r).textContent = `${day}: ${c} event(s)`;
    r.addEventListener("click", () => { $("f-since").value = day; $("f-until").value = day; loadEvents(); });
  }
  const l = el("text", { x: 10, y: H - 2 }, svg); l.textContent = days[0];
  const r = el("text", { x: Math.max(10 + n * bw, 120), y: H - 2, "text-anchor": "end" }, svg); r.textContent = days[days.length - 1];
  const m = el("text", { x: 10, y: 10 }, svg); m.textContent = `max ${max}/day`;
}

async function drawControl(admin1) {
  const box = $("control");
  box.replaceChildren();
  if (!admin1) return;
  const tl = await getJSON(`/api/regions/${encodeURIComponent(admin1)}/timeline`);
  if (!tl.periods.length) { box.textContent = `${admin1}: no territorial events`; return; }
  box.innerHTML = "<h2>Territorial control</h2>" + tl.periods.map((p, i) =>
    `<div class="${p.contested ? "contested" : ""}">${esc(tl.summary[i])}</div>`).join("");
}

// ------------------------------------------------------------------------------------------- list + detail
function drawList() {
  const tb = $("event-list").querySelector("tbody");
  tb.replaceChildren();
  for (const e of state.events.slice(0, 500)) {
    const tr = document.createElement("tr");
    tr.dataset.eventId = e.id;
    tr.innerHTML = `<td>${esc(dateOf(e))}</td><td>${esc(typeOf(e))}</td><td>${esc(e.place ? e.place.name : "")}</td>` +
      `<td>${esc(names(e.actor))}</td><td><span class="badge st-${esc(e.status)}">${esc(e.status)}</span></td><td>${(e.sources || []).length}</td>`;
    tr.addEventListener("click", () => showEvent(e.id));
    tb.appendChild(tr);
  }
}

// Text with the spans [{start, end, cls}] wrapped in <span class="...">; overlapping spans nest by segment.
function highlight(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { if (s.start >= 0 && s.end <= text.length && s.start < s.end) { cuts.add(s.start); cuts.add(s.end); } }
  const pts = [...cuts].sort((a, b) => a - b);
  let out = "";
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i], b = pts[i + 1];
    const cls = spans.filter((s) => s.start <= a && s.end >= b).map((s) => s.cls);
    const seg = esc(text.slice(a, b));
    out += cls.length ? `<span class="${[...new Set(cls)].join(" ")}">${seg}</span>` : seg;
  }
  return out;
}

async function showEvent(id) {
  state.selected = id;
  for (const n of document.querySelectorAll(".selected")) n.classList.remove("selected");
  for (const n of document.querySelectorAll(`[data-event-id="${CSS.escape(id)}"]`)) n.classList.add("selected");
  const e = await getJSON("/api/events/" + encodeURIComponent(id));
  const box = $("detail");
  const claims = (e.claims || []).map((c) =>
    `<tr><td>${esc((c.source && c.source.name) || c.speaker || "unattributed")}</td><td class="stance-${esc(c.stance)}">${esc(c.stance)}</td>` +
    `<td>${esc(c.text)}</td><td>${esc(c.channel || "")}</td><td>${esc(c.article_id || "")}</td></tr>`).join("");
  const arts = (e.articles || []).map((a) => {
    const spans = [];
    for (const m of a.mentions) {
      for (const s of m.evidence || []) spans.push({ start: s.start, end: s.end, cls: "evidence" });
      if (m.trigger) spans.push({ start: m.trigger.start, end: m.trigger.end, cls: "trigger" });
      for (const c of m.claims || []) spans.push({ start: c.start, end: c.end, cls: "claim " + c.stance });
    }
    const why = a.mentions.map((m) => m.why && !m.why.new ? `merged: ${esc(m.why.type)}, ${esc(m.why.place)}, dates ${esc((m.why.dates || []).join(" ~ "))} (±${m.why.date_window_days} d), actors ${esc((m.why.actors || []).join(", ") || "none")}` : "first report").join("; ");
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
  const first = box.querySelector(".evidence");
  if (first) first.scrollIntoView({ block: "nearest" });
}

// ------------------------------------------------------------------------------------------- start
async function main() {
  enablePanZoom();
  setView(state.view);
  await drawBasemap();
  try { await loadFacets(); } catch (err) { console.warn(err); }
  $("filters").addEventListener("submit", (ev) => { ev.preventDefault(); loadEvents(); });
  $("f-reset").addEventListener("click", () => { $("filters").reset(); loadEvents(); });
  await loadEvents();
}

main().catch((err) => { $("counts").textContent = "error: " + err.message; console.error(err); });
