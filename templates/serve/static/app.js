// pstscope serve: the pages' small interactions. Served by pstscope itself; no other script.
// Text from the store is set with textContent, never as markup.
"use strict";

// The contact search's suggestions: after three letters, the store's best matches; arrow keys
// move through them, Enter or a click opens the contact.
function setUpSuggestions(input) {
  const list = document.getElementById(input.getAttribute("list") || "");
  input.removeAttribute("list");
  if (!list) return;
  let pending = null;
  let current = -1;
  const items = () => Array.from(list.querySelectorAll("li"));
  const highlight = (index) => {
    const all = items();
    current = Math.max(-1, Math.min(index, all.length - 1));
    all.forEach((item, i) => item.setAttribute("aria-selected", i === current ? "true" : "false"));
  };
  const show = (suggestions) => {
    list.replaceChildren(...suggestions.map((suggestion) => {
      const item = document.createElement("li");
      item.setAttribute("role", "option");
      const link = document.createElement("a");
      link.href = suggestion.link;
      link.textContent = suggestion.email;
      const names = document.createElement("span");
      names.className = "names";
      names.textContent = suggestion.names;
      item.append(link, " ", names);
      return item;
    }));
    list.hidden = suggestions.length === 0;
    current = -1;
  };
  input.addEventListener("input", () => {
    const text = input.value.trim();
    if (pending) pending.abort();
    if (text.length < 3) { show([]); return; }
    pending = new AbortController();
    fetch(input.dataset.suggest + "?q=" + encodeURIComponent(text), { signal: pending.signal })
      .then((response) => response.ok ? response.json() : [])
      .then(show)
      .catch(() => {});
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") { highlight(current + 1); event.preventDefault(); }
    if (event.key === "ArrowUp") { highlight(current - 1); event.preventDefault(); }
    if (event.key === "Enter" && current >= 0) {
      event.preventDefault();
      window.location.href = items()[current].querySelector("a").href;
    }
    if (event.key === "Escape") show([]);
  });
}

document.querySelectorAll("input[data-suggest]").forEach(setUpSuggestions);

// The overview's live figures: the server pushes the overview and the running imports
// (Server-Sent Events) whenever another process writes the store.
function followLiveFeed(panel) {
  const grouped = (n) => Number(n).toLocaleString("en-US");
  const formats = {
    emails: grouped, custodians: grouped, sessions: grouped, files_failed: grouped, serious_gaps: grouped,
    mean_completeness: (n) => Number(n).toFixed(1) + "%",
  };
  const cell = (text, numeric) => {
    const td = document.createElement("td");
    if (numeric) td.className = "number";
    td.textContent = text;
    return td;
  };
  const source = new EventSource(panel.dataset.events);
  source.addEventListener("live", (event) => {
    const live = JSON.parse(event.data);
    document.querySelectorAll("[data-kpi]").forEach((element) => {
      const key = element.dataset.kpi;
      if (key in live.overview && key in formats) element.textContent = formats[key](live.overview[key]);
    });
    const rows = live.sessions.map((session) => {
      const row = document.createElement("tr");
      const link = document.createElement("a");
      link.href = "/session?id=" + encodeURIComponent(session.session_id);
      link.textContent = session.session_id;
      const first = document.createElement("td");
      first.append(link);
      row.append(first,
        cell(session.files_done + " of " + session.files_total),
        cell(grouped(session.items), true),
        cell(Number(session.items_per_second).toFixed(1), true),
        cell(session.eta_seconds == null ? "–" : Math.round(session.eta_seconds) + " s", true),
        cell(session.rss_kb == null ? "–" : Math.floor(session.rss_kb / 1024) + " MB", true),
        cell(session.alerts.map((alert) => alert.message).join("; ")));
      return row;
    });
    panel.querySelector("tbody").replaceChildren(...rows);
    document.getElementById("live-idle").hidden = rows.length > 0;
    panel.dataset.updates = String(Number(panel.dataset.updates || "0") + 1);
  });
}

const livePanel = document.getElementById("live");
if (livePanel) followLiveFeed(livePanel);

// The network: pointing at a person highlights their links.
function highlightLinks(svg) {
  const lines = Array.from(svg.querySelectorAll("line"));
  svg.querySelectorAll("a[data-email]").forEach((node) => {
    const email = node.dataset.email;
    const mark = (on) => lines.forEach((line) => {
      if (line.dataset.source === email || line.dataset.target === email) line.classList.toggle("near", on);
    });
    node.addEventListener("mouseenter", () => mark(true));
    node.addEventListener("mouseleave", () => mark(false));
    node.addEventListener("focus", () => mark(true));
    node.addEventListener("blur", () => mark(false));
  });
}

const network = document.getElementById("network");
if (network) highlightLinks(network);
