// sitrep map page, loaded first (in <head>): asks for the first events and points at once, while the
// browser still fetches and runs Leaflet and app.js. app.js takes these answers when it asks for the
// same URLs (see getJSON), else fetches as usual.
"use strict";
(function () {
  // the filter fields in the form's order, as app.js's filterParams() writes them
  const FIELDS = ["country", "admin1", "since", "until", "type", "status", "timeframe", "actor", "q", "min_fatalities", "min_confidence"];
  const q = new URLSearchParams(location.search);
  const p = new URLSearchParams();
  for (const k of FIELDS) { const v = (q.get(k) || "").trim(); if (v) p.set(k, v); }
  const list = new URLSearchParams(p);
  list.set("limit", "100");
  list.set("offset", String(Math.max(0, parseInt(q.get("offset") || "0", 10) || 0)));
  const early = new Map();
  for (const url of ["/api/points?" + p, "/api/events?" + list]) {
    early.set(url, fetch(url).then((r) => (r.ok ? r.json() : Promise.reject(new Error(url + ": HTTP " + r.status)))));
  }
  for (const v of early.values()) v.catch(() => {}); // a failure is reported when app.js takes it
  window.sitrepEarly = early;
})();
