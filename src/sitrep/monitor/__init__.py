"""sitrep as a monitor: `sitrep watch` follows feeds, pages and folders and keeps the store up to date.

Modules: `fetch` (HTTP with conditional requests and back-off), `sources` (what SOURCE arguments name),
`feeds` (feed entries), `reading` (fetched pages and files -> documents), `dedupe` (MinHash
near-duplicates), `state` (per-source and per-item state in the store), `alerts` (webhook outbox),
`watch` (the pass and the loop) and `cli` (the `watch` command). Nothing is imported here, so that
`sitrep extract URL` (which needs `fetch` only) stays light.
"""
